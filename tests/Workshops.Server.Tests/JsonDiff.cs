using System.Text.Json.Nodes;

namespace Workshops.Server.Tests;

/// <summary>
/// Where two JSON documents differ, as paths (<c>$.boards[0].ideas[2].votes: 3 != 4</c>), so that a
/// failed comparison of a whole export names the field instead of printing two 15 kB lines.
/// Object members are compared by name (order-free), arrays by position.
/// </summary>
public static class JsonDiff
{
    public static IReadOnlyList<string> Paths(JsonNode? expected, JsonNode? actual, int max = 20)
    {
        var found = new List<string>();
        Walk("$", expected, actual, found, max);
        return found;
    }

    private static void Walk(string path, JsonNode? expected, JsonNode? actual, List<string> found, int max)
    {
        if (found.Count >= max)
        {
            return;
        }

        if (expected is JsonObject e && actual is JsonObject a)
        {
            foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key), StringComparer.Ordinal))
            {
                var child = path + "." + name;
                if (!e.ContainsKey(name) || !a.ContainsKey(name))
                {
                    found.Add(child + (e.ContainsKey(name) ? " missing" : " unexpected: " + a[name]?.ToJsonString()));
                }
                else
                {
                    Walk(child, e[name], a[name], found, max);
                }
            }
        }
        else if (expected is JsonArray ea && actual is JsonArray aa)
        {
            if (ea.Count != aa.Count)
            {
                found.Add($"{path}: {ea.Count} items != {aa.Count}");
            }

            for (var i = 0; i < Math.Min(ea.Count, aa.Count); i++)
            {
                Walk($"{path}[{i}]", ea[i], aa[i], found, max);
            }
        }
        else if (!JsonNode.DeepEquals(expected, actual))
        {
            found.Add($"{path}: {expected?.ToJsonString() ?? "null"} != {actual?.ToJsonString() ?? "null"}");
        }
    }
}
