using System.Globalization;
using Xunit.Abstractions;

namespace Workshops.Cluster.Tests;

/// <summary>
/// What a fault test measured, printed to the test output and appended to
/// TestResults/faults.txt beside the test binaries (docs/benchmarks.md quotes it).
/// </summary>
internal sealed class FaultReport(ITestOutputHelper output, string scenario)
{
    private readonly List<string> _lines = [];

    public void Add(FormattableString line)
    {
        var text = line.ToString(CultureInfo.InvariantCulture);
        _lines.Add(text);
        output.WriteLine(text);
    }

    public void Save()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        var header = string.Create(CultureInfo.InvariantCulture, $"## {scenario} ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {(FaultScale.IsLong ? "long" : "CI")} variant)");
        File.AppendAllLines(Path.Combine(folder, "faults.txt"), [header, .. _lines, ""]);
    }
}
