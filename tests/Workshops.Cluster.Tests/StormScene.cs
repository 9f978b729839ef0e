using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Cluster.Tests;

/// <summary>
/// An event ready for a vote storm: its workshops in Voting with ideas on every board, and the
/// participants joined (tokens only; they connect in <see cref="StormParticipant"/>).
/// </summary>
internal sealed class StormScene
{
    private StormScene(EventCreated created, IReadOnlyList<SceneWorkshop> workshops, IReadOnlyList<SceneParticipant> participants)
    {
        Event = created;
        Workshops = workshops;
        Participants = participants;
    }

    public EventCreated Event { get; }

    public IReadOnlyList<SceneWorkshop> Workshops { get; }

    public IReadOnlyList<SceneParticipant> Participants { get; }

    /// <summary>Creates the event through <paramref name="servers"/>[0]; participant i joins through server i mod n.</summary>
    public static async Task<StormScene> CreateAsync(IReadOnlyList<string> servers, FaultScale scale, int seed = 1)
    {
        using var api = new WorkshopsApi(servers[0]);
        var admin = (await api.SignInAsync(ServerOptions.TestAdminKey)).Token;
        var created = await api.CreateEventAsync(admin, new EventProgram
        {
            Title = "Yük testi – İzmir Çalıştayı",
            Date = "2026-11-26",
            Venue = "İzmir",
            Workshops = [.. Enumerable.Range(1, scale.Workshops).Select(i => new WorkshopProgram { Title = "Çalışma grubu " + Invariant(i) })],
            Settings = new WorkshopSettings { VotesPerBoard = scale.VotesPerBoard, MaxVotesPerIdea = 1, LiveResults = false },
        });

        var workshops = new List<SceneWorkshop>();
        foreach (var workshop in created.Workshops)
        {
            var token = (await api.SignInAsync(workshop.FacilitatorKey)).Token;
            var connection = new HubConnectionBuilder()
                .WithUrl(servers[workshops.Count % servers.Count] + "/hubs/workshop", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            await connection.StartAsync();
            try
            {
                var ideas = new List<IReadOnlyList<string>>();
                for (var board = 1; board <= scale.Boards; board++)
                {
                    var onBoard = new List<string>();
                    for (var i = 1; i <= scale.IdeasPerBoard; i++)
                    {
                        var idea = await connection.InvokeAsync<Idea>("AddIdea", workshop.WorkshopId, new IdeaInput
                        {
                            BoardId = "b" + Invariant(board),
                            Text = $"Öneri {Invariant(board)}.{Invariant(i)}: ışıklı yönlendirme ve erişilebilir İnternet",
                            ClientOpId = $"seed-{Invariant(board)}-{Invariant(i)}",
                        });
                        onBoard.Add(idea.IdeaId);
                    }

                    ideas.Add(onBoard);
                }

                await connection.InvokeAsync("SetPhase", workshop.WorkshopId, "Voting");
                workshops.Add(new SceneWorkshop(workshop.WorkshopId, token, ideas));
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }

        var random = new Random(seed);
        var participants = new SceneParticipant[scale.Participants];
        var apis = servers.Select(s => new WorkshopsApi(s)).ToList();
        try
        {
            // Joins in small parallel batches: quick, without a burst the join guard would refuse.
            var plans = Enumerable.Range(0, scale.Participants).Select(i => Plan(workshops[i % workshops.Count], scale, random)).ToList();
            await Parallel.ForEachAsync(Enumerable.Range(0, scale.Participants), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var home = i % servers.Count;
                var joined = await apis[home].JoinAsync(created.JoinCode, "Katılımcı " + Invariant(i));
                participants[i] = new SceneParticipant(i, joined.Token, joined.ParticipantId!, workshops[i % workshops.Count].WorkshopId, home, plans[i]);
            });
        }
        finally
        {
            apis.ForEach(a => a.Dispose());
        }

        return new StormScene(created, workshops, participants);
    }

    /// <summary>VotesPerBoard distinct ideas on every board, in a shuffled order, each with its own clientOpId.</summary>
    private static List<PlannedVote> Plan(SceneWorkshop workshop, FaultScale scale, Random random)
    {
        var votes = new List<PlannedVote>();
        foreach (var board in workshop.IdeasByBoard)
        {
            votes.AddRange(board.OrderBy(_ => random.Next()).Take(scale.VotesPerBoard).Select(idea => new PlannedVote(idea, "")));
        }

        return [.. votes.OrderBy(_ => random.Next()).Select((v, n) => v with { ClientOpId = "vote-" + Invariant(n) })];
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
