using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>JSON with object members sorted, so that two views compare by content.</summary>
public static class Canonical
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Json(object? value)
    {
        var node = JsonSerializer.SerializeToNode(value, Options);
        return Sort(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray([.. array.Select(item => Sort(item?.DeepClone()))]),
        _ => node?.DeepClone(),
    };
}
