using System.Diagnostics;
using System.Globalization;

namespace Workshops.LoadTool.Storm;

/// <summary>
/// CPU time of this process and of the whole machine (Linux /proc/stat) at one moment. Two samples
/// tell how many cores this process used and how busy the machine was, other processes included
/// (Azurite, other builds): on a 2-core machine that is most of what limits a figure.
/// </summary>
internal readonly record struct CpuSample(long WallTicks, TimeSpan ProcessCpu, long MachineBusy, long MachineTotal)
{
    public static CpuSample Take()
    {
        using var process = Process.GetCurrentProcess();
        var (busy, total) = ReadMachine();
        return new CpuSample(Stopwatch.GetTimestamp(), process.TotalProcessorTime, busy, total);
    }

    /// <summary>Cores this process kept busy between the two samples.</summary>
    public static double ProcessCores(CpuSample from, CpuSample to)
    {
        var wall = Stopwatch.GetElapsedTime(from.WallTicks, to.WallTicks).TotalSeconds;
        return wall <= 0 ? double.NaN : (to.ProcessCpu - from.ProcessCpu).TotalSeconds / wall;
    }

    /// <summary>Cores the whole machine kept busy between the two samples (NaN where /proc/stat is missing).</summary>
    public static double MachineCores(CpuSample from, CpuSample to)
    {
        var total = to.MachineTotal - from.MachineTotal;
        return total <= 0 ? double.NaN : (double)(to.MachineBusy - from.MachineBusy) / total * Environment.ProcessorCount;
    }

    /// <summary>The 1-minute load average (NaN where /proc/loadavg is missing).</summary>
    public static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    private static (long Busy, long Total) ReadMachine()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return (0, 0);
            }

            // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Take(8).Sum();
            var idle = fields[3] + fields[4];
            return (total - idle, total);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return (0, 0);
        }
    }
}
