using System.Globalization;
using System.Runtime.InteropServices;

namespace Workshops.LoadTool.Output;

/// <summary>The machine a run was made on: a figure means little without it.</summary>
public sealed record MachineInfo(DateTimeOffset At, int Cores, string Memory, string Runtime, string Os, bool ServerGc)
{
    public static MachineInfo Describe() => new(
        DateTimeOffset.UtcNow,
        Environment.ProcessorCount,
        TotalMemory(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        System.Runtime.GCSettings.IsServerGC);

    private static string TotalMemory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return kb > 0 ? (kb / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " GiB" : "unknown";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return "unknown";
        }
    }
}
