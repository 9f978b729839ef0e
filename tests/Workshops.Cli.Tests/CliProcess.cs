using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Workshops.Cli.Tests;

/// <summary>
/// Runs the built CLI as a real process (<c>dotnet workshops.dll ...</c>), so that exit codes,
/// stdout and stderr are exactly what a user or a script sees.
/// </summary>
public static class CliProcess
{
    private static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(90);

    public static string DllPath { get; } = FindDll();

    public static async Task<CliResult> RunAsync(
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        string? stdin = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The runner's own Workshops__* settings must not leak into what a test sets up.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Workshops__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(HardLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"workshops {string.Join(' ', args)} ran longer than {HardLimit.TotalSeconds} s");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    private static string FindDll()
    {
        var recorded = Environment.GetEnvironmentVariable("WORKSHOPS_CLI_PATH")
            ?? typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "WorkshopsCliPath")?.Value;
        if (string.IsNullOrEmpty(recorded) || !File.Exists(recorded))
        {
            throw new InvalidOperationException($"workshops.dll not found at '{recorded}'; build src/Workshops.Cli first");
        }

        return recorded;
    }
}
