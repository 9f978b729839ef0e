using System.Diagnostics;
using Microsoft.Extensions.Options;
using Workshops.Server.Auth;
using Workshops.Server.Hosting;
using Workshops.Testing;

namespace Workshops.Server.Tests;

/// <summary>The generated signing key on disk: owner-only, whole, and never the published one.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SigningKeyStoreTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    [Fact]
    public void A_generated_key_is_written_owner_only_in_an_owner_only_folder_and_read_back_after_a_restart()
    {
        using var temp = new TempDirectory("signing-key");
        var data = temp.Combine("data");

        var first = new SigningKeyStore(Options(data));

        var file = Path.Combine(data, SigningKeyStore.FileName);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
        Assert.Equal(OwnerAll, File.GetUnixFileMode(data));
        Assert.Equal([SigningKeyStore.FileName], Directory.GetFiles(data).Select(Path.GetFileName));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(file)).Length);
        Assert.Equal(first.Key.Key, new SigningKeyStore(Options(data)).Key.Key);
    }

    [Fact]
    public void A_key_file_left_readable_by_others_is_tightened_and_an_existing_folder_closed()
    {
        using var temp = new TempDirectory("signing-key");
        var data = temp.Combine("data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, OwnerAll | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var generated = new SigningKeyStore(Options(data)).Key.Key;
        Assert.Equal(OwnerAll, File.GetUnixFileMode(data));

        var file = Path.Combine(data, SigningKeyStore.FileName);
        File.SetUnixFileMode(file, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal(generated, new SigningKeyStore(Options(data)).Key.Key);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void The_key_once_committed_to_the_repository_is_refused_at_start_with_what_to_do()
    {
        var published = PublishedKey();
        Assert.True(SigningKeyStore.IsPublished(Convert.FromBase64String(published)));
        using var temp = new TempDirectory("signing-key");
        var file = temp.Combine(SigningKeyStore.FileName);
        File.WriteAllText(file, published + "\n");

        var fromFolder = Assert.Throws<InvalidOperationException>(() => ServerApp.Build([], builder =>
            Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration, new Dictionary<string, string?>
            {
                ["Workshops:DataPath"] = temp.Path,
                ["Workshops:Dashboard:Enabled"] = "false",
            })));
        Assert.Equal(
            $"The token signing key in {file} was published (it was once committed to the Workshops repository), so anyone could forge tokens with it. "
            + $"Delete {file} and start again: a fresh key is generated (tokens signed with the old key stop working; people sign in again). Or set Workshops:SigningKey to a fresh key.",
            fromFolder.Message);

        var configured = Assert.Throws<InvalidOperationException>(() => new SigningKeyStore(Microsoft.Extensions.Options.Options.Create(new WorkshopsOptions { SigningKey = published, DataPath = temp.Path })));
        Assert.EndsWith("Set Workshops:SigningKey to a fresh key, e.g. `head -c 32 /dev/urandom | base64`.", configured.Message, StringComparison.Ordinal);
        Assert.False(SigningKeyStore.IsPublished(Convert.FromBase64String(TestHost.ServerOptions.TestSigningKey)));
    }

    private static IOptions<WorkshopsOptions> Options(string dataPath) =>
        Microsoft.Extensions.Options.Options.Create(new WorkshopsOptions { DataPath = dataPath });

    /// <summary>The leaked key, from the repository's history (the code keeps only its hash).</summary>
    private static string PublishedKey()
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "show", "e374a99d9dc8685d9bf18e1bfea8be2091fd8896:src/Workshops.Server/data/signing.key" })
        {
            info.ArgumentList.Add(argument);
        }

        using var git = Process.Start(info)!;
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, "git show failed (this test needs the repository's history): " + error);
        return output.Trim();
    }
}
