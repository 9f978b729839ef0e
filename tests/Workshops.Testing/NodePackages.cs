using System.Diagnostics;

namespace Workshops.Testing;

/// <summary>Installs the npm packages of tests/node once, whichever test process gets there first.</summary>
public static class NodePackages
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>Gets the Azurite entry script inside tests/node/node_modules.</summary>
    public static string AzuriteScript => Path.Combine(RepoPaths.TestsNode, "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>Runs <c>npm ci</c> (or <c>npm install</c> without a lock file) in tests/node when Azurite is missing.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the packages are there.</returns>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        if (IsInstalled())
        {
            return;
        }

        await InProcess.WaitAsync(cancellationToken);
        try
        {
            // Test projects run in parallel processes: a lock file keeps two npm runs from sharing node_modules.
            using var fileLock = await AcquireFileLockAsync(cancellationToken);
            if (IsInstalled())
            {
                return;
            }

            var command = File.Exists(Path.Combine(RepoPaths.TestsNode, "package-lock.json")) ? "ci" : "install";
            await RunNpmAsync(command, cancellationToken);
            if (!IsInstalled())
            {
                throw new InvalidOperationException($"npm {command} in {RepoPaths.TestsNode} did not install Azurite.");
            }
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static bool IsInstalled() =>
        File.Exists(Path.Combine(RepoPaths.TestsNode, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite"))
        && File.Exists(AzuriteScript);

    private static async Task<FileStream> AcquireFileLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "workshops-tests-npm-install.lock");
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private static async Task RunNpmAsync(string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = RepoPaths.TestsNode,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add("--no-audit");
        start.ArgumentList.Add("--no-fund");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"npm {command} in {RepoPaths.TestsNode} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
