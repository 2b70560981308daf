using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainingHub.Core.Attendance.Messages;

/// <summary>A completion reason travels in its stored text form ("attendance=62;min=75;minutes=450;required=600").</summary>
public sealed class CompletionReasonJson : JsonConverter<CompletionReason>
{
    public override CompletionReason? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CompletionReason.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, CompletionReason value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value?.ToString());
    }
}
