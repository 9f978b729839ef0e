using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Workshops.LoadTool.Hosting;

/// <summary>
/// A server in its own OS process, started and stopped by the load tool: our Release
/// Workshops.Server (SQLite in a temp folder, the load settings) or the floor (this tool in
/// <c>--serve-floor</c> mode). The storm then measures as a user would, client and server apart,
/// and the child's CPU is read from /proc/&lt;pid&gt;/stat. Loopback only; every wait is bounded.
/// </summary>
public sealed class ChildServer : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string? _dataPath;

    private ChildServer(Process process, string baseUrl, string adminKey, string? dataPath)
    {
        _process = process;
        _dataPath = dataPath;
        BaseUrl = baseUrl;
        AdminKey = adminKey;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public string AdminKey { get; }

    public int ProcessId => _process.Id;

    /// <summary>The child's CPU time so far (all its threads); null once it is gone.</summary>
    public TimeSpan? CpuTime() => ProcessCpu.Read(_process.Id);

    /// <summary>
    /// Our server as a separate process: the built Workshops.Server.dll of the same configuration
    /// as this tool (Release for figures), a fresh temp data folder, SQLite (or memory), the
    /// load settings of <see cref="SelfHostedServer.LoadSettings"/>, free loopback ports.
    /// </summary>
    public static Task<ChildServer> StartWorkshopsServerAsync(
        string storage, string? serverDll, IReadOnlyList<KeyValuePair<string, string>> environment, TextWriter progress)
    {
        var dll = serverDll ?? DefaultServerDll();
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is not there: build it first (dotnet build -c Release src/Workshops.Server), or name it with --server-dll");
        }

        var dataPath = Path.Combine(Path.GetTempPath(), "workshops-load-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dataPath);
        var adminKey = "adm_load_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var clusterId = "load-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8];
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dataPath };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(Url(port));
        var contentRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", ".."));
        if (File.Exists(Path.Combine(contentRoot, "Workshops.Server.csproj")))
        {
            info.ArgumentList.Add("--contentRoot");
            info.ArgumentList.Add(contentRoot);
        }

        var settings = new Dictionary<string, string?>(SelfHostedServer.LoadSettings, StringComparer.Ordinal)
        {
            ["Workshops:AdminKey"] = adminKey,
            ["Workshops:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Workshops:DataPath"] = dataPath,
            ["Workshops:Demo"] = "false",
            ["Workshops:Storage:Provider"] = storage,
            ["Workshops:Storage:SqlitePath"] = Path.Combine(dataPath, "workshops.db"),
            ["Workshops:Cluster:Mode"] = "Localhost",
            ["Workshops:Cluster:ClusterId"] = clusterId,
            ["Workshops:Cluster:ServiceId"] = clusterId,
            ["Workshops:Cluster:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Workshops:Cluster:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        progress.WriteLine($"starting {dll} (its own process, {storage}, data in {dataPath}"
            + string.Concat(environment.Select(v => $", {v.Key}={v.Value}")) + ")");
        return StartAsync(info, Url(port), adminKey, dataPath);
    }

    /// <summary>The floor in its own process: this tool again, with --serve-floor.</summary>
    public static Task<ChildServer> StartFloorAsync(TextWriter progress)
    {
        var adminKey = "adm_floor_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var port = FreePort();
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell how this tool was started");
        var info = new ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Started as `dotnet workshops-load.dll`: start the dll the same way.
            info.ArgumentList.Add(typeof(ChildServer).Assembly.Location);
        }

        info.ArgumentList.Add("--serve-floor");
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--admin-key");
        info.ArgumentList.Add(adminKey);
        progress.WriteLine($"starting the floor in its own process on port {port}");
        return StartAsync(info, Url(port), adminKey, dataPath: null);
    }

    /// <summary>Kills every child still running: the watchdog's and Ctrl+C's last act, so that none outlives the run.</summary>
    public static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    private static async Task<ChildServer> StartAsync(ProcessStartInfo info, string baseUrl, string adminKey, string? dataPath)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;

        // The floor child ends when this pipe closes, i.e. when this process ends however it ends.
        info.RedirectStandardInput = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        Running[process.Id] = process;
        var child = new ChildServer(process, baseUrl, adminKey, dataPath);
        try
        {
            await child.WaitHealthyAsync();
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }

        return child;
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode}:\n{string.Join('\n', _output)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{BaseUrl} did not answer /healthz within {StartTimeout}:\n{string.Join('\n', _output)}");
    }

    /// <summary>A clean stop (SIGTERM, as a service manager does); killed if it takes longer than 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = NativeMethods.Kill(_process.Id, NativeMethods.SigTerm);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
        if (_dataPath is not null)
        {
            try
            {
                Directory.Delete(_dataPath, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A temp folder left behind must not fail the run.
            }
        }
    }

    /// <summary>
    /// src/Workshops.Server/bin/&lt;configuration of this tool&gt;/net10.0/Workshops.Server.dll of the
    /// repository this tool was built in (building the tool builds the server: it references it).
    /// </summary>
    private static string DefaultServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workshops.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Workshops.Server", "bin", configuration, "net10.0", "Workshops.Server.dll");
            }
        }

        throw new InvalidOperationException("Workshops.sln not found above " + AppContext.BaseDirectory + ": name the server with --server-dll");
    }

    private static string Url(int port) => "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
