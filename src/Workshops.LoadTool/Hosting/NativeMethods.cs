using System.Runtime.InteropServices;

namespace Workshops.LoadTool.Hosting;

/// <summary>POSIX calls .NET does not wrap: a clean stop of a child is SIGTERM, which Process.Kill cannot send.</summary>
internal static class NativeMethods
{
    public const int SigTerm = 15;

    /// <summary>kill(2): 0 on success, -1 on error.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
