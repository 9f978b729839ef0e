using System.Diagnostics.Metrics;

namespace Workshops.Grains;

/// <summary>
/// The grains' part of the <c>Workshops</c> meter: what was stored, counted only after the
/// write succeeded (a refused or failed call counts nothing). Static because grains are not
/// built by a factory that could hand them an <see cref="IMeterFactory"/>; listeners (the
/// OpenTelemetry SDK, dotnet-counters) find it by name.
/// </summary>
public static class WorkshopsMetrics
{
    public const string MeterName = "Workshops";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Votes = Meter.CreateCounter<long>(
        "workshops.votes", "{vote}", "Votes stored: kind=cast for a vote cast, kind=retract for one taken back");

    internal static readonly Counter<long> Ideas = Meter.CreateCounter<long>(
        "workshops.ideas", "{idea}", "Ideas added and stored");

    internal static readonly Histogram<int> WriteBatchSize = Meter.CreateHistogram<int>(
        "workshops.write_batch_size",
        "{call}",
        "Calls served by one grain state write (group commit): how well a vote storm is batched",
        tags: null,
        new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    internal static void VoteStored(bool cast) =>
        Votes.Add(1, new KeyValuePair<string, object?>("kind", cast ? "cast" : "retract"));

    internal static void VotesStored(int cast, int retracted)
    {
        if (cast > 0)
        {
            Votes.Add(cast, new KeyValuePair<string, object?>("kind", "cast"));
        }

        if (retracted > 0)
        {
            Votes.Add(retracted, new KeyValuePair<string, object?>("kind", "retract"));
        }
    }
}
