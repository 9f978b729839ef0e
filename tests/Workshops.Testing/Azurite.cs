using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Workshops.Testing;

/// <summary>
/// A real Azurite (Azure Storage emulator) from tests/node, on its own free loopback ports and its own
/// temp folder. It can be stopped and started again on the same folder and ports (outage tests);
/// disposing kills it and deletes the folder.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>The emulator's fixed account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known account key (public, documented by Microsoft).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string ReadyLine = "Azurite Table service is successfully listening";
    private const string ScriptVariable = "WORKSHOPS_AZURITE_SCRIPT";

    // Runs azurite.js with the argv shape it expects, and exits when our stdin pipe closes:
    // if the test process dies without disposing (crash, hang timeout), Azurite does not outlive it.
    // stdin is unref'd so that it alone does not keep Azurite alive after a SIGTERM.
    private const string Bootstrap = $$"""
        const script = process.env.{{ScriptVariable}};
        process.argv.splice(1, 0, script);
        process.stdin.on('end', () => process.exit(0));
        process.stdin.on('error', () => process.exit(0));
        process.stdin.resume();
        process.stdin.unref();
        require(script);
        """;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _location;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _process;
    private bool _disposed;

    private Azurite(TempDirectory location, int blobPort, int queuePort, int tablePort)
    {
        _location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Gets the blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>Gets the queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>Gets the table service port.</summary>
    public int TablePort { get; }

    /// <summary>Gets the folder Azurite keeps its data in (kept across <see cref="StopAsync"/>/<see cref="StartAsync"/>).</summary>
    public string Location => _location.Path;

    /// <summary>Gets a value indicating whether the emulator process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Gets the connection string with explicit loopback endpoints and the well-known key.</summary>
    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};");

    /// <summary>Installs the npm packages if needed and starts an emulator on fresh ports and a fresh folder.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<Azurite> StartNewAsync(CancellationToken cancellationToken = default)
    {
        await NodePackages.EnsureInstalledAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var azurite = new Azurite(new TempDirectory("azurite"), FreePort.Get(), FreePort.Get(), FreePort.Get());
            try
            {
                await azurite.StartAsync(cancellationToken);
                return azurite;
            }
            catch (AzuriteStartException) when (attempt < 3)
            {
                // Another process may have taken one of the ports between the probe and the bind.
                await azurite.DisposeAsync();
            }
            catch
            {
                await azurite.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts the emulator (again) on the same folder and ports and waits until it answers.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when all three services listen.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (IsRunning)
            {
                return;
            }

            // A port let go a moment ago may still be held by the old process's socket: retry briefly.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await StartProcessAsync(cancellationToken);
                    return;
                }
                catch (AzuriteStartException) when (attempt < 3)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops the emulator cleanly (SIGTERM, so it saves its metadata), killing it if it does not exit in time.
    /// Data stays in <see cref="Location"/> for the next <see cref="StartAsync"/>.
    /// </summary>
    /// <returns>A task that completes when the process has exited.</returns>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await StopProcessAsync(graceful: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gets the last lines Azurite printed (for failure messages).</summary>
    /// <returns>The output.</returns>
    public string RecentOutput() => string.Join('\n', _output);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            await StopProcessAsync(graceful: false);
            _location.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        _output.Clear();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Location,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment[ScriptVariable] = NodePackages.AzuriteScript;
        foreach (var argument in new[]
        {
            "-e", Bootstrap, "--",
            "--silent",
            "--location", Location,
            "--blobHost", "127.0.0.1", "--blobPort", Invariant(BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Invariant(QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Invariant(TablePort),
            "--skipApiVersionCheck",
            "--loose",

            // Azurite reports telemetry by default; tests talk to loopback only.
            "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data, ready);
        process.Exited += (_, _) => ready.TrySetException(new AzuriteStartException($"Azurite exited while starting.\n{RecentOutput()}"));
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException("node did not start.");
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            await ready.Task.WaitAsync(timeout.Token);
            await WaitUntilListeningAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await StopProcessAsync(graceful: false);
            throw new AzuriteStartException($"Azurite did not answer within {StartTimeout}.\n{RecentOutput()}");
        }
        catch (AzuriteStartException)
        {
            await StopProcessAsync(graceful: false);
            throw;
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
    }

    private void OnOutput(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private async Task StopProcessAsync(bool graceful)
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited && graceful && !OperatingSystem.IsWindows())
            {
                _ = NativeMethods.Kill(process.Id, NativeMethods.SigTerm);
                using var wait = new CancellationTokenSource(GracefulStopTimeout);
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    // Did not shut down in time: fall through to the kill.
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // The process was already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // Never leave an emulator behind when the test host ends without disposing its fixtures.
        try
        {
            var process = _process;
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
