using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Workshops.Testing;

/// <summary>This machine's own non-loopback address: traffic to it never leaves the machine.</summary>
public static class MachineAddress
{
    public static IPAddress NonLoopbackIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("this test needs a non-loopback IPv4 address on this machine (none is up)");
}
