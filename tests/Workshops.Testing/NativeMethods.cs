using System.Runtime.InteropServices;

namespace Workshops.Testing;

/// <summary>POSIX calls .NET does not wrap.</summary>
public static class NativeMethods
{
    /// <summary>The POSIX termination signal (asks a process to shut down cleanly).</summary>
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/> (POSIX kill(2)).</summary>
    /// <param name="pid">The process id.</param>
    /// <param name="signal">The signal number.</param>
    /// <returns>0 on success, -1 on error.</returns>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
