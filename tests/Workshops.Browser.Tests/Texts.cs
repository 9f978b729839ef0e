using System.Text.Json;
using Workshops.Testing;

namespace Workshops.Browser.Tests;

/// <summary>The pages' own texts (ClientApp/src/i18n/{tr,en}.json), so that tests expect exactly what a person reads.</summary>
public sealed class Texts
{
    private readonly Dictionary<string, string> _texts;

    private Texts(Dictionary<string, string> texts) => _texts = texts;

    public static Texts Of(string language)
    {
        var path = Path.Combine(RepoPaths.Root, "src", "Workshops.Server", "ClientApp", "src", "i18n", language + ".json");
        return new Texts(JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!);
    }

    public string this[string key] => _texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException(key);
}
