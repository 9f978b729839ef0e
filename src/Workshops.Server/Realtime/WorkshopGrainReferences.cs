using System.Collections.Concurrent;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// The hub's workshop grain references, made once per workshop: Orleans' GetGrain resolves the
/// interface type by reflection and builds a proxy on every call, ~5 % of a vote storm's CPU
/// (profile in docs/benchmarks.md). A reference is immutable and thread-safe; the map is
/// emptied when it grows past any real event's size (ids come from clients).
/// </summary>
public sealed class WorkshopGrainReferences(IGrainFactory grains)
{
    private const int MaxKept = 10_000;

    private readonly ConcurrentDictionary<string, IWorkshopGrain> _references = new(StringComparer.Ordinal);

    public IWorkshopGrain Get(string workshopId)
    {
        if (_references.TryGetValue(workshopId, out var reference))
        {
            return reference;
        }

        if (_references.Count >= MaxKept)
        {
            _references.Clear();
        }

        return _references.GetOrAdd(workshopId, id => grains.GetGrain<IWorkshopGrain>(id));
    }
}
