using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// The JSON hub protocol, with one change: SignalR prefixes a HubException's message with
/// "An unexpected error occurred invoking 'X' on the server. HubException: ", but the contract
/// promises clients an error that starts with the code ("wrong_phase: voting is closed").
/// This strips that prefix from completion errors, and gives SignalR's own refusals of malformed
/// calls ("Failed to invoke 'X' ...") the code invalid_input; everything else is JsonHubProtocol as is.
/// </summary>
public sealed class ContractErrorProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private const string Marker = "HubException: ";
    private const string Prefix = "An unexpected error occurred invoking '";
    private const string BindingFailure = "Failed to invoke '";

    private readonly JsonHubProtocol _inner = new(options);

    public string Name => _inner.Name;

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => _inner.TransferFormat;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(Rewrite(message), output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(Rewrite(message));

    internal static string Strip(string error)
    {
        if (error.StartsWith(BindingFailure, StringComparison.Ordinal))
        {
            // SignalR's own refusal of an unknown method or of arguments of the wrong number or
            // type: the client's input is malformed, so it gets the contract's code like any other.
            var end = error.IndexOf('\'', BindingFailure.Length);
            var method = end < 0 ? "" : error[BindingFailure.Length..end];
            var detail = error.IndexOf(Marker, StringComparison.Ordinal) is var marker and >= 0
                ? error[(marker + Marker.Length)..]
                : "the arguments do not match the method";
            return ErrorCodes.InvalidInput + ": cannot invoke '" + method + "': " + detail;
        }

        if (!error.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return error;
        }

        var at = error.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? error : error[(at + Marker.Length)..];
    }

    private static HubMessage Rewrite(HubMessage message) =>
        message is CompletionMessage { Error: { } error, InvocationId: { } id } && Strip(error) is var stripped && !ReferenceEquals(stripped, error)
            ? CompletionMessage.WithError(id, stripped)
            : message;
}
