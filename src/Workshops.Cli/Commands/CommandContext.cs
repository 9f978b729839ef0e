using System.CommandLine;
using Workshops.Cli.Cluster;
using Workshops.Cli.Configuration;

namespace Workshops.Cli.Commands;

/// <summary>What one running command has at hand: its parse result, its writers and, once asked for, the cluster.</summary>
public sealed class CommandContext(ParseResult parse, GlobalOptions global, CancellationToken cancellationToken) : IAsyncDisposable
{
    private ClusterSettings? _settings;
    private ClusterConnection? _connection;

    public ParseResult Parse => parse;

    public TextWriter Out => parse.InvocationConfiguration.Output;

    public TextWriter Error => parse.InvocationConfiguration.Error;

    public CancellationToken CancellationToken => cancellationToken;

    public bool Verbose => parse.GetValue(global.Verbose);

    /// <summary>Null until read; error messages use it when there is one.</summary>
    public ClusterSettings? SettingsIfRead => _settings;

    public ClusterSettings Settings => _settings ??= ClusterSettingsLoader.Load(global.Read(parse));

    /// <summary>Connects on first use, so that bad input is refused before any network wait.</summary>
    public async Task<IClusterClient> ConnectAsync()
    {
        _connection ??= await ClusterConnection.OpenAsync(Settings, Verbose, cancellationToken);
        return _connection.Client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
