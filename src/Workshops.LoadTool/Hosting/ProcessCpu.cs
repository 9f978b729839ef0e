using System.Globalization;

namespace Workshops.LoadTool.Hosting;

/// <summary>
/// CPU time (user + system, all threads) another process has used so far, from /proc/&lt;pid&gt;/stat:
/// what the server or floor child spent, apart from the load generator's own share.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>USER_HZ, the unit of utime and stime: 100 on Linux for every architecture (`getconf CLK_TCK`).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The process's CPU time so far; null where /proc is missing or the process is gone.</summary>
    public static TimeSpan? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");

            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            // After it come field 3 (state) onwards; utime and stime are fields 14 and 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
