using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Workshops.Browser.Tests;

/// <summary>
/// A PDF the browser printed, read back with Debian's poppler-utils (pdftotext, pdftoppm; test.sh
/// installs them): the text of each page, and a page rendered to a grey image.
/// </summary>
public sealed partial class PrintedPdf(string path)
{
    public string Path { get; } = path;

    /// <summary>The text of one page (1-based), with every run of white space made one space (titles wrap).</summary>
    public async Task<string> PageTextAsync(int page) =>
        Spaces().Replace(await RunAsync("pdftotext", "-f", page.ToString(), "-l", page.ToString(), Path, "-"), " ").Trim();

    public async Task<int> PageCountAsync()
    {
        var info = await RunAsync("pdfinfo", Path);
        var match = PagesLine().Match(info);
        Assert.True(match.Success, "pdfinfo printed no page count:\n" + info);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One page rendered as an 8-bit grey image (PGM), at the given resolution.</summary>
    public async Task<GreyImage> RenderPageAsync(int page, int dpi)
    {
        var prefix = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, $"page-{page}-{Guid.NewGuid():N}");
        await RunAsync("pdftoppm", "-gray", "-r", dpi.ToString(), "-f", page.ToString(), "-l", page.ToString(), "-singlefile", Path, prefix);
        return GreyImage.ReadPgm(prefix + ".pgm");
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var file = "/usr/bin/" + tool;
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} is missing: apt-get install -y poppler-utils (test.sh does it).");
        }

        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {await error}");
        return await output;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();
}
