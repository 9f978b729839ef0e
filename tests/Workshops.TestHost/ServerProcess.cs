using System.Collections.Concurrent;
using System.Diagnostics;
using Workshops.Testing;

namespace Workshops.TestHost;

/// <summary>
/// The real server as a separate OS process (the built Workshops.Server.dll), for what an
/// in-process host cannot show: several servers in one cluster, and kill -9.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, ServerOptions options, string dataPath, int httpPort)
    {
        _process = process;
        Options = options;
        DataPath = dataPath;
        BaseUrl = "http://127.0.0.1:" + httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public ServerOptions Options { get; }

    public string DataPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string RecentOutput => string.Join('\n', _output);

    /// <summary>The server as built in its own project (with its runtimeconfig and deps), same configuration as the tests.</summary>
    public static string ServerDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepoPaths.Root, "src", "Workshops.Server", "bin", configuration, "net10.0", "Workshops.Server.dll");
        }
    }

    public static async Task<ServerProcess> StartAsync(ServerOptions options, string dataPath, int? httpPort = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var port = httpPort ?? FreePort.Get();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataPath,
        };
        info.ArgumentList.Add(ServerDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "src", "Workshops.Server"));
        foreach (var (key, value) in options.ToConfiguration(dataPath))
        {
            if (value is not null)
            {
                info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("the server process did not start");
        var server = new ServerProcess(process, options, dataPath, port);
        try
        {
            await server.WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Let the asynchronous readers drain, so the message carries the server's last words.
                _process.WaitForExit();
                throw new InvalidOperationException($"the server exited with {_process.ExitCode}:\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the server did not become healthy in {timeout}:\n{RecentOutput}");
    }

    /// <summary>kill -9: no shutdown, no flush, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>A graceful stop (SIGTERM), as a service manager would.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = NativeMethods.Kill(_process.Id, NativeMethods.SigTerm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 300 && _output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
