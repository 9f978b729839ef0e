namespace Workshops.Testing;

/// <summary>Folders of the repository, found from the test binaries (never from the current directory).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>Gets the repository root: the folder holding Workshops.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>Gets tests/node, where the Node test tools (Azurite, the SignalR JS client) are installed.</summary>
    public static string TestsNode => Path.Combine(Root, "tests", "node");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Workshops.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Workshops.sln above {AppContext.BaseDirectory}.");
    }
}
