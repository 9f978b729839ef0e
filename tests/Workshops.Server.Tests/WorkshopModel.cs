using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// What a browser keeps of a workshop (as ClientApp's WorkshopState does): the snapshot from
/// JoinWorkshop with every later event applied in order: the version stream in version order,
/// the tally stream (talliesChanged) in seq order. It refuses to apply an event that is not the
/// next of its stream; <see cref="CatchUpAsync"/> then resyncs as the contract says.
/// </summary>
public sealed class WorkshopModel
{
    private readonly Dictionary<string, JsonObject> _ideas = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonNode?> _outputs = new(StringComparer.Ordinal);
    private int _cursor;

    public WorkshopModel(JsonElement snapshot) => Reset(snapshot);

    public long Version { get; private set; }

    /// <summary>The last tally announcement applied (the snapshot's tallySeq, then each talliesChanged seq).</summary>
    public long TallySeq { get; private set; }

    public string Phase { get; private set; } = "";

    /// <summary>Versions at which an event arrived that was not the next one: (expected, got).</summary>
    public List<(long Expected, long Got)> Gaps { get; } = [];

    /// <summary>Tally seqs at which a talliesChanged arrived that was not the next one: (expected, got).</summary>
    public List<(long Expected, long Got)> SeqGaps { get; } = [];

    public int Resyncs { get; private set; }

    private JsonNode? Settings { get; set; }

    private int Participants { get; set; }

    private string? TimerEndsAt { get; set; }

    public void Reset(JsonElement snapshot)
    {
        _ideas.Clear();
        _outputs.Clear();
        Version = snapshot.GetProperty("version").GetInt64();
        TallySeq = snapshot.GetProperty("tallySeq").GetInt64();
        Phase = snapshot.GetProperty("phase").GetString()!;
        Settings = JsonNode.Parse(snapshot.GetProperty("settings").GetRawText());
        Participants = snapshot.GetProperty("participants").GetInt32();
        TimerEndsAt = snapshot.TryGetProperty("timerEndsAt", out var timer) && timer.ValueKind == JsonValueKind.String ? timer.GetString() : null;
        foreach (var board in snapshot.GetProperty("boards").EnumerateArray())
        {
            foreach (var idea in board.GetProperty("ideas").EnumerateArray())
            {
                PutIdea(idea);
            }
        }

        foreach (var output in snapshot.GetProperty("outputs").EnumerateArray())
        {
            _outputs[output.GetProperty("boardId").GetString()!] = JsonNode.Parse(output.GetRawText());
        }
    }

    /// <summary>
    /// Applies the client's events received since the last call, in arrival order. An old
    /// version (or seq) is skipped; a gap in either means lost messages: JoinWorkshop again and go
    /// on from its snapshot.
    /// </summary>
    public async Task CatchUpAsync(HubClient client, string workshopId)
    {
        var events = client.Events;
        while (_cursor < events.Count)
        {
            var e = events[_cursor++];
            var (number, last, gaps) = e.Seq is { } seq ? (seq, TallySeq, SeqGaps) : (e.Version!.Value, Version, Gaps);
            if (e.WorkshopId != workshopId || number <= last)
            {
                continue;
            }

            if (number != last + 1)
            {
                gaps.Add((last + 1, number));
                Resyncs++;
                Reset(await client.Connection.InvokeAsync<JsonElement>("JoinWorkshop", workshopId));
            }
            else
            {
                Apply(e);
            }

            events = client.Events;
        }
    }

    /// <summary>Starts over on a new connection: its events are all still to be read.</summary>
    public void Rewind() => _cursor = 0;

    private void Apply(ReceivedEvent e)
    {
        var payload = e.Payload;
        switch (e.Name)
        {
            case EventNames.IdeaAdded:
            case EventNames.IdeaChanged:
                PutIdea(payload.GetProperty("idea"));
                break;
            case EventNames.IdeaRemoved:
                _ideas.Remove(payload.GetProperty("ideaId").GetString()!);
                break;
            case EventNames.TalliesChanged:
                foreach (var tally in payload.GetProperty("tallies").EnumerateObject())
                {
                    if (_ideas.TryGetValue(tally.Name, out var idea))
                    {
                        idea["votes"] = tally.Value.GetInt32();
                    }
                }

                // Section 9: hall counts that took no version, and every one when results become visible.
                if (payload.TryGetProperty("hallVotes", out var hallVotes) && hallVotes.ValueKind == JsonValueKind.Object)
                {
                    foreach (var hall in hallVotes.EnumerateObject())
                    {
                        if (_ideas.TryGetValue(hall.Name, out var idea))
                        {
                            idea["hallVotes"] = hall.Value.GetInt32();
                        }
                    }
                }

                if (payload.TryGetProperty("consensus", out var consensus))
                {
                    foreach (var value in consensus.EnumerateObject())
                    {
                        if (_ideas.TryGetValue(value.Name, out var idea))
                        {
                            // Views leave a null consensus out.
                            idea.Remove("consensus");
                            if (value.Value.ValueKind == JsonValueKind.Number)
                            {
                                idea["consensus"] = value.Value.GetDouble();
                            }
                        }
                    }
                }

                if (payload.TryGetProperty("outputs", out var outputs))
                {
                    foreach (var changed in outputs.EnumerateArray())
                    {
                        _outputs[changed.GetProperty("boardId").GetString()!] = JsonNode.Parse(changed.GetRawText());
                    }
                }

                TallySeq = e.Seq!.Value;
                return;
            case EventNames.PhaseChanged:
                Phase = payload.GetProperty("phase").GetString()!;
                break;
            case EventNames.TimerChanged:
                TimerEndsAt = payload.GetProperty("endsAt").ValueKind == JsonValueKind.String ? payload.GetProperty("endsAt").GetString() : null;
                break;
            case EventNames.OutputChanged:
                var output = payload.GetProperty("output");
                _outputs[output.GetProperty("boardId").GetString()!] = JsonNode.Parse(output.GetRawText());
                break;
            case EventNames.PresenceChanged:
                Participants = payload.GetProperty("participants").GetInt32();
                break;
            case EventNames.SettingsChanged:
                Settings = JsonNode.Parse(payload.GetProperty("settings").GetRawText());
                break;
            case EventNames.VersionChanged:
                break;
            default:
                throw new InvalidOperationException("unknown event " + e.Name);
        }

        Version = e.Version!.Value;
    }

    private void PutIdea(JsonElement idea)
    {
        var node = JsonNode.Parse(idea.GetRawText())!.AsObject();

        // "mine" is the one field that differs between two people looking at the same idea.
        node.Remove("mine");
        _ideas[node["ideaId"]!.GetValue<string>()] = node;
    }

    /// <summary>Everything two participants must agree on, as canonical JSON.</summary>
    public string Canonical() => Describe(Version, Phase, Settings, Participants, TimerEndsAt, _ideas, _outputs);

    /// <summary>The same description of a snapshot someone else took.</summary>
    public static string Canonical(JsonElement snapshot) => new WorkshopModel(snapshot).Canonical();

    private static string Describe(long version, string phase, JsonNode? settings, int participants, string? timer,
        Dictionary<string, JsonObject> ideas, SortedDictionary<string, JsonNode?> outputs)
    {
        var root = new JsonObject
        {
            ["version"] = version,
            ["phase"] = phase,
            ["settings"] = Sorted(settings),
            ["participants"] = participants,
            ["timerEndsAt"] = timer,
            ["ideas"] = new JsonArray([.. ideas.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => Sorted(i.Value))]),
            ["outputs"] = new JsonArray([.. outputs.Values.Select(Sorted)]),
        };
        return root.ToJsonString();
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
