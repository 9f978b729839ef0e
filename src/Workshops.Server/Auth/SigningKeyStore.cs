using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Workshops.Server.Hosting;

namespace Workshops.Server.Auth;

/// <summary>
/// The token signing key: from configuration, else generated once and kept in the data folder
/// so that tokens survive a restart (a phone keeps its votes after the laptop reboots). Whoever
/// reads the key can sign any token, admin included: the file is the owner's alone (0600 in a
/// 0700 folder) and appears whole or not at all.
/// </summary>
public sealed class SigningKeyStore
{
    public const string FileName = "signing.key";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// SHA-256 of keys that were published: a data folder of a local run was once committed to
    /// this repository, so anyone can forge tokens with that key. Only the hash is kept here.
    /// </summary>
    private static readonly HashSet<string> PublishedKeyHashes = new(StringComparer.Ordinal)
    {
        "fa58f46a34893a29ca03fe8604b7ad389f5cd0070b4e2770162bf2a7a7f95361",
    };

    public SigningKeyStore(IOptions<WorkshopsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.SigningKey;
        byte[] key;
        string source;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            key = Convert.FromBase64String(configured);
            source = "Workshops:SigningKey";
        }
        else
        {
            var path = Path.GetFullPath(Path.Combine(options.Value.DataPath, FileName));
            key = File.Exists(path) ? Read(path) : CreateOrRead(options.Value.DataPath, path);
            source = path;
        }

        if (key.Length < 32)
        {
            throw new InvalidOperationException("Workshops:SigningKey must be at least 32 bytes (base64)");
        }

        if (IsPublished(key))
        {
            throw new InvalidOperationException(
                $"The token signing key in {source} was published (it was once committed to the Workshops repository), so anyone could forge tokens with it. "
                + (source == "Workshops:SigningKey"
                    ? "Set Workshops:SigningKey to a fresh key, e.g. `head -c 32 /dev/urandom | base64`."
                    : $"Delete {source} and start again: a fresh key is generated (tokens signed with the old key stop working; people sign in again). Or set Workshops:SigningKey to a fresh key."));
        }

        Key = new SymmetricSecurityKey(key);
    }

    public SymmetricSecurityKey Key { get; }

    public static bool IsPublished(ReadOnlySpan<byte> key) =>
        PublishedKeyHashes.Contains(Convert.ToHexStringLower(SHA256.HashData(key)));

    private static byte[] Read(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnlyFile) != 0)
        {
            // Written by an older version with the default 0644: tighten it.
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    /// <summary>The folder may exist already (the SQLite file may have been created first, with the default 0755).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TightenFolder(string folder)
    {
        try
        {
            if ((File.GetUnixFileMode(folder) & ~OwnerOnlyFolder) != 0)
            {
                File.SetUnixFileMode(folder, OwnerOnlyFolder);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // A mounted volume owned by someone else: the key file itself is still 0600.
        }
    }

    /// <summary>
    /// Written to a temporary file (0600 from its creation) and moved into place, so that a crash
    /// leaves no half-written key; if another server sharing the folder won the race, its key is used.
    /// </summary>
    private static byte[] CreateOrRead(string folder, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
            TightenFolder(folder);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var temporary = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var stream = new FileStream(temporary, fileOptions))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(key));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Read(path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
