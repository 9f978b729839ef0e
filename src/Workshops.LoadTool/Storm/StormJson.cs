using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workshops.LoadTool.Storm;

/// <summary>The wire's JSON: camelCase, nulls left out (PROTOCOL.md).</summary>
public static class StormJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
