using System.Diagnostics;
using System.Globalization;
using Workshops.Contracts;

namespace Workshops.Benchmarks;

/// <summary>
/// One participant voting as fast as acknowledgements come back. It keeps its own model of its
/// votes from the receipts, so that the test at the end can compare every tally exactly. When
/// its whole budget is spent it takes votes back one by one, then casts again: every call is
/// still one acknowledged, stored vote change.
/// </summary>
internal sealed class Voter
{
    private const int MaxResends = 3;

    private readonly Caller _caller;
    private readonly IWorkshopGrain _workshop;
    private readonly IReadOnlyList<BenchIdea> _ideas;
    private readonly int _votesPerBoard;
    private readonly int _maxVotesPerIdea;
    private readonly int[] _mine;
    private readonly int[] _usedOnBoard;
    private int _pointer;
    private int _nextOp;
    private bool _retracting;

    public Voter(Caller caller, IWorkshopGrain workshop, IReadOnlyList<BenchIdea> ideas, int boards, int votesPerBoard, int maxVotesPerIdea, int start)
    {
        _caller = caller;
        _workshop = workshop;
        _ideas = ideas;
        _votesPerBoard = votesPerBoard;
        _maxVotesPerIdea = maxVotesPerIdea;
        _mine = new int[ideas.Count];
        _usedOnBoard = new int[boards];
        _pointer = start % ideas.Count;
    }

    public Caller Caller => _caller;

    /// <summary>This voter's votes per idea, as its receipts say.</summary>
    public IReadOnlyList<int> Mine => _mine;

    public long Casts { get; private set; }

    public long Retracts { get; private set; }

    public long AcksInWindow { get; private set; }

    public long AcksInFirstEdge { get; private set; }

    public long AcksInLastEdge { get; private set; }

    public List<double> WindowLatenciesMs { get; } = new(4096);

    public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls whose outcome stayed unknown after every re-send: the exact check cannot hold then.</summary>
    public int Unknown { get; private set; }

    public async Task RunAsync(RunWindow window)
    {
        while (!window.IsOver)
        {
            var (index, cast) = Next();
            var ideaId = _ideas[index].IdeaId;
            var opId = "v" + _nextOp++.ToString(CultureInfo.InvariantCulture);
            var started = Stopwatch.GetTimestamp();
            VoteReceipt? receipt = null;
            for (var attempt = 0; receipt is null; attempt++)
            {
                try
                {
                    // The same clientOpId on a re-send: the grain answers the first outcome, never counts twice.
                    receipt = cast
                        ? await _workshop.CastVote(_caller, ideaId, opId)
                        : await _workshop.RetractVote(_caller, ideaId, opId);
                }
                catch (WorkshopException ex)
                {
                    // A refusal changes nothing.
                    Count(ex.Code);
                    if (ex.Code == ErrorCodes.VoteLimit)
                    {
                        _retracting = true;
                    }

                    break;
                }
                catch (Exception ex) when (ex is TimeoutException or Orleans.Runtime.OrleansException)
                {
                    Count(ex.GetType().Name);
                    if (attempt + 1 >= MaxResends)
                    {
                        Unknown++;
                        break;
                    }
                }
            }

            if (receipt is null)
            {
                continue;
            }

            var done = Stopwatch.GetTimestamp();
            Apply(index, cast, receipt);
            if (window.InWindow(done))
            {
                AcksInWindow++;
                AcksInFirstEdge += window.InFirstEdge(done) ? 1 : 0;
                AcksInLastEdge += window.InLastEdge(done) ? 1 : 0;
                WindowLatenciesMs.Add(Stopwatch.GetElapsedTime(started, done).TotalMilliseconds);
            }
        }
    }

    private void Apply(int index, bool cast, VoteReceipt receipt)
    {
        var board = _ideas[index].Board;
        var delta = cast ? 1 : -1;
        _mine[index] += delta;
        _usedOnBoard[board] += delta;
        if (cast)
        {
            Casts++;
        }
        else
        {
            Retracts++;
        }

        // The receipt must agree with what this voter did: anything else is a counting bug.
        if (receipt.MyVotes != _mine[index] || receipt.Remaining != _votesPerBoard - _usedOnBoard[board])
        {
            Count("receipt_mismatch");
        }
    }

    /// <summary>The next idea to vote on, round robin: cast while the budget allows, else take back.</summary>
    private (int Index, bool Cast) Next()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var step = 0; step < _ideas.Count; step++)
            {
                var index = (_pointer + step) % _ideas.Count;
                var usable = _retracting
                    ? _mine[index] > 0
                    : _mine[index] < _maxVotesPerIdea && _usedOnBoard[_ideas[index].Board] < _votesPerBoard;
                if (usable)
                {
                    _pointer = (index + 1) % _ideas.Count;
                    return (index, !_retracting);
                }
            }

            // Nothing left in this direction: all spent (or all taken back).
            _retracting = !_retracting;
        }

        throw new InvalidOperationException("a voter with no idea to vote on");
    }

    private void Count(string code) => Errors[code] = Errors.GetValueOrDefault(code) + 1;
}
