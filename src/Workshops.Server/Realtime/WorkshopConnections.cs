using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// This server's SignalR connections by workshop: who is here (for presence and for deliveries
/// meant for one participant) and which workshops changed since the grains were last told.
/// </summary>
public sealed class WorkshopConnections
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, Caller>> _byWorkshop = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

    public void Join(string connectionId, string workshopId, Caller caller)
    {
        lock (_gate)
        {
            if (!_byWorkshop.TryGetValue(workshopId, out var connections))
            {
                _byWorkshop[workshopId] = connections = new(StringComparer.Ordinal);
            }

            connections[connectionId] = caller;
            if (!_byConnection.TryGetValue(connectionId, out var workshops))
            {
                _byConnection[connectionId] = workshops = new(StringComparer.Ordinal);
            }

            workshops.Add(workshopId);
            _dirty.Add(workshopId);
        }
    }

    public void Leave(string connectionId, string workshopId)
    {
        lock (_gate)
        {
            RemoveLocked(connectionId, workshopId);
            if (_byConnection.TryGetValue(connectionId, out var workshops))
            {
                workshops.Remove(workshopId);
                if (workshops.Count == 0)
                {
                    _byConnection.Remove(connectionId);
                }
            }
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (_byConnection.Remove(connectionId, out var workshops))
            {
                foreach (var workshopId in workshops)
                {
                    RemoveLocked(connectionId, workshopId);
                }
            }
        }
    }

    private void RemoveLocked(string connectionId, string workshopId)
    {
        if (_byWorkshop.TryGetValue(workshopId, out var connections) && connections.Remove(connectionId))
        {
            if (connections.Count == 0)
            {
                _byWorkshop.Remove(workshopId);
            }

            _dirty.Add(workshopId);
        }
    }

    /// <summary>The connections of one participant in one workshop, on this server.</summary>
    public IReadOnlyList<string> ConnectionsOf(string workshopId, string participantId)
    {
        lock (_gate)
        {
            if (!_byWorkshop.TryGetValue(workshopId, out var connections))
            {
                return [];
            }

            return [.. connections
                .Where(c => c.Value.Role == Role.Participant && string.Equals(c.Value.ParticipantId, participantId, StringComparison.Ordinal))
                .Select(c => c.Key)];
        }
    }

    /// <summary>The connections of one side (staff or participants) of a workshop on this server, maybe but one participant's.</summary>
    public IReadOnlyList<string> AudienceOf(string workshopId, bool staff, string? except = null)
    {
        lock (_gate)
        {
            if (!_byWorkshop.TryGetValue(workshopId, out var connections))
            {
                return [];
            }

            return [.. connections
                .Where(c => c.Value.IsStaff == staff && (except is null || !string.Equals(c.Value.ParticipantId, except, StringComparison.Ordinal)))
                .Select(c => c.Key)];
        }
    }

    /// <summary>Distinct people (not connections) of a workshop on this server.</summary>
    public IReadOnlyList<PresentPerson> PeopleIn(string workshopId)
    {
        lock (_gate)
        {
            if (!_byWorkshop.TryGetValue(workshopId, out var connections))
            {
                return [];
            }

            return [.. connections.Values
                .Select(c => new PresentPerson(c.ActorKey, c.Role))
                .DistinctBy(p => p.ActorKey, StringComparer.Ordinal)];
        }
    }

    public bool HasConnections(string workshopId)
    {
        lock (_gate)
        {
            return _byWorkshop.ContainsKey(workshopId);
        }
    }

    public IReadOnlyList<string> Workshops()
    {
        lock (_gate)
        {
            return [.. _byWorkshop.Keys];
        }
    }

    public (int Connections, int People) Counts()
    {
        lock (_gate)
        {
            var people = _byWorkshop.Values.SelectMany(c => c.Values).Select(c => c.ActorKey).Distinct(StringComparer.Ordinal).Count();
            return (_byConnection.Count, people);
        }
    }

    /// <summary>Workshops whose people changed since the last call.</summary>
    public IReadOnlyList<string> TakeDirty()
    {
        lock (_gate)
        {
            if (_dirty.Count == 0)
            {
                return [];
            }

            var dirty = _dirty.ToList();
            _dirty.Clear();
            return dirty;
        }
    }
}
