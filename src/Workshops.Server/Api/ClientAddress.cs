using System.Net;
using System.Net.Sockets;

namespace Workshops.Server.Api;

/// <summary>
/// The key a client's per-address limits are kept under. An IPv4 client is its address. An
/// IPv6 client is its /64: one home or one phone on a mobile network gets a whole /64 and may
/// pick any address in it, so keying by the full address would give a guesser 2^64 budgets.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PartitionKey(context.Connection.RemoteIpAddress);
    }

    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
