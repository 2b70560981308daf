using System.Globalization;
using System.Text.Json;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Notifications;

/// <summary>Reads an outbox payload (camelCase JSON) and formats its dates for Brazil: dd/MM/yyyy HH:mm, America/Sao_Paulo.</summary>
public sealed class EmailPayload
{
    private readonly JsonElement root;

    public EmailPayload(JsonElement root) => this.root = root;

    public static EmailPayload Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return new EmailPayload(doc.RootElement.Clone());
    }

    public string Text(string name) => Find(name) is { ValueKind: not JsonValueKind.Null } v ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText() : "";

    public string? Optional(string name)
    {
        var t = Text(name);
        return string.IsNullOrWhiteSpace(t) ? null : t;
    }

    public int? Int(string name) => Find(name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt32() : null;

    /// <summary>A calendar date ("2026-03-01" or an instant's date) as dd/MM/yyyy.</summary>
    public string Date(string name)
    {
        var t = Text(name);
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return SaoPaulo.FormatDate(d);
        }

        return Instant(t) is { } i ? SaoPaulo.FormatDate(i) : t;
    }

    /// <summary>A UTC instant as dd/MM/yyyy HH:mm in São Paulo.</summary>
    public string DateTime(string name)
    {
        var t = Text(name);
        return Instant(t) is { } i ? SaoPaulo.FormatDateTime(i) : t;
    }

    public IEnumerable<EmailPayload> Items(string name) =>
        Find(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Select(e => new EmailPayload(e)).ToList() : [];

    private JsonElement? Find(string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) ? v : null;

    private static System.DateTime? Instant(string t) =>
        System.DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var i)
            ? System.DateTime.SpecifyKind(i, DateTimeKind.Utc)
            : null;
}
