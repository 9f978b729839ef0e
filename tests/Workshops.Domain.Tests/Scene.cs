using System.Text.Encodings.Web;
using System.Text.Json;
using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.Model;
using Workshops.Domain.State;

namespace Workshops.Domain.Tests;

/// <summary>A workshop model with no silo: decisions are taken on <see cref="State"/>, their events kept in <see cref="Log"/>.</summary>
internal sealed class Scene
{
    public const string WorkshopId = "w1";
    public const string EventId = "e1";

    public WorkshopModel Model { get; } = new(WorkshopId);

    public WorkshopModelState State { get; } = new();

    public List<WorkshopEvent> Log { get; } = [];

    public DateTimeOffset Now { get; set; } = new(2021, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public Caller Facilitator { get; } = new(Role.Facilitator, EventId, WorkshopId, null, null, null);

    public Caller Moderator { get; } = new(Role.Moderator, EventId, null, null, null, null);

    public static Caller Participant(string id, string? group = null) => new(Role.Participant, EventId, null, id, null, group);

    public static Scene Create(WorkshopSettings? settings = null, WorkshopPhase phase = WorkshopPhase.Setup, params string[] areas)
    {
        var scene = new Scene();
        scene.Decide((m, s, now) => ProgramCommands.Initialize(m, s, new WorkshopDefinition(EventId, "Gençlik", areas.Length > 0 ? areas : ["İstihdam"], settings ?? WorkshopSettings.Default, "tr"), now));
        if (phase != WorkshopPhase.Setup)
        {
            scene.Decide((m, s, now) => SteeringCommands.SetPhase(m, s, scene.Facilitator, phase.ToString(), now));
        }

        return scene;
    }

    /// <summary>Runs a command and keeps its events.</summary>
    public Decision<T> Decide<T>(Func<WorkshopModel, WorkshopModelState, DateTimeOffset, Decision<T>> command)
    {
        var decision = command(Model, State, Now);
        Log.AddRange(decision.Events);
        return decision;
    }

    public Idea AddIdea(Caller author, string text, string board = "b1", string? clientOpId = null) =>
        Decide((m, s, now) => IdeaCommands.Add(m, s, author, new IdeaInput { BoardId = board, Text = text, ClientOpId = clientOpId }, "Ayşe", now)).Result;

    public VoteReceipt Vote(Caller voter, string ideaId, string clientOpId) =>
        Decide((m, s, now) => VoteCommands.Cast(m, s, voter, ideaId, clientOpId, now)).Result;

    public void SetPhase(WorkshopPhase phase) =>
        Decide((m, s, now) => SteeringCommands.SetPhase(m, s, Facilitator, phase.ToString(), now));

    /// <summary>Everything the state holds, for comparing states exactly.</summary>
    public static string Json(WorkshopModelState state) => JsonSerializer.Serialize(state, JsonOptions);

    // Texts as they are (not \u escapes), so a name can be searched for.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Json() => Json(State);

    /// <summary>Asserts the command is refused with <paramref name="code"/> and changes nothing.</summary>
    public void Refused<T>(string code, Func<WorkshopModel, WorkshopModelState, DateTimeOffset, Decision<T>> command)
    {
        var before = Json();
        var logged = Log.Count;
        var refusal = Assert.Throws<WorkshopException>(() => Decide(command));
        Assert.Equal(code, refusal.Code);
        Assert.Equal(before, Json());
        Assert.Equal(logged, Log.Count);
    }
}
