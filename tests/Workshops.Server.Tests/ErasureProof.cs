using System.Text;

namespace Workshops.Server.Tests;

/// <summary>
/// Searches stored bytes for people's names, organizations and markers, as UTF-8 and as UTF-16LE
/// (contract section 11: "erased means gone", whatever the store's encoding).
/// </summary>
public static class ErasureProof
{
    public static IEnumerable<(string Label, byte[] Bytes)> Needles(IEnumerable<PersonalDataScene.Person> people) =>
        people.SelectMany(p => new[] { p.Name, p.Organization, p.Marker })
            .SelectMany(text => new[] { ("UTF-8 " + text, Encoding.UTF8.GetBytes(text)), ("UTF-16LE " + text, Encoding.Unicode.GetBytes(text)) });

    /// <summary>Which needles occur in which of the given (name, content) pairs.</summary>
    public static List<string> Find(IEnumerable<(string Name, byte[] Content)> files, IEnumerable<PersonalDataScene.Person> people)
    {
        var needles = Needles(people).ToList();
        var found = new List<string>();
        foreach (var (name, content) in files)
        {
            foreach (var (label, bytes) in needles)
            {
                if (content.AsSpan().IndexOf(bytes) >= 0)
                {
                    found.Add($"{label} in {name}");
                }
            }
        }

        return found;
    }

    /// <summary>Every file of a data folder (database, -wal, -shm, -journal, keys), read while the server runs.</summary>
    public static IEnumerable<(string Name, byte[] Content)> DataFolder(string path)
    {
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return (Path.GetFileName(file), copy.ToArray());
        }
    }
}
