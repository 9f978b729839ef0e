namespace Workshops.Cluster.Tests;

/// <summary>
/// Configuration every test server gets. Orleans' membership defaults (5 s probes, 3 missed)
/// take 15 s and more to declare a killed server dead; the tests (and deploy/local-cluster.sh)
/// use 2 s probes, 3 missed, which still tolerates a busy 2-core machine's pauses.
/// </summary>
internal static class ClusterTuning
{
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Workshops:Cluster:Membership:ProbeTimeout"] = "00:00:02",
            ["Workshops:Cluster:Membership:NumMissedProbesLimit"] = "3",
            ["Workshops:JoinsPerMinute"] = "100000",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}
