using System.Collections.Concurrent;

namespace Workshops.LoadTool.Storm;

/// <summary>Failed calls counted by error code, from every participant and screen at once.</summary>
internal sealed class StormErrors
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string code) => _counts.AddOrUpdate(code, 1, static (_, n) => n + 1);

    public IReadOnlyDictionary<string, int> Snapshot() =>
        new SortedDictionary<string, int>(_counts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
}
