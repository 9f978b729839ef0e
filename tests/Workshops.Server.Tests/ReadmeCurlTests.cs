using System.Diagnostics;
using System.Text.Json;
using Workshops.Testing;

namespace Workshops.Server.Tests;

/// <summary>The README's curl example, run as written (bash, curl, jq) against a real server.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReadmeCurlTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_readme_curl_example_works_as_written()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("```sh\nexport BASE=", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has no curl example");
        var body = readme[(start + "```sh\n".Length)..];
        body = body[..body.IndexOf("```", StringComparison.Ordinal)];
        var lines = body.Split('\n').Where(l => !l.StartsWith("export ", StringComparison.Ordinal));

        using var work = new TempDirectory("readme");
        Directory.CreateDirectory(Path.Combine(work.Path, "docs", "samples"));
        File.Copy(Path.Combine(RepoPaths.Root, "docs", "samples", "program.json"), Path.Combine(work.Path, "docs", "samples", "program.json"));
        var script = "set -euo pipefail\n" + string.Join('\n', lines) + "\necho; ls *.docx\n";
        var info = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = work.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["BASE"] = fixture.Server.BaseUrl;
        info.Environment["ADMIN_KEY"] = fixture.Server.AdminKey;
        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{stdout}\n{stderr}");

        var created = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work.Path, "event.json"))).RootElement;
        Assert.Equal(5, created.GetProperty("workshops").GetArrayLength());
        Assert.Contains("\"title\":\"2. Ulusal Danışma Toplantısı\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\"boards\":[{\"boardId\":\"b1\",\"area\":\"Etki\"", stdout, StringComparison.Ordinal);
        Assert.Contains("{\"status\":\"ok\"", stdout, StringComparison.Ordinal);
        var docx = Directory.GetFiles(work.Path, "*.docx");
        Assert.Single(docx);
        Assert.True(new FileInfo(docx[0]).Length > 1000);
    }
}
