using System.Text.Json;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// Writes an outbox row as the application wrote them before messages were typed: a type name and an untyped payload
/// (camelCase JSON), or a type no record has. The dispatcher must still render (or refuse) such rows.
/// </summary>
internal static class OldOutboxRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Add(TrainingHubDbContext db, string messageType, int? personId, string email, string language, string key, object payload, bool essential, DateTime now) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            IdempotencyKey = key,
            MessageType = messageType,
            RecipientPersonId = personId,
            ToAddress = email,
            Language = language,
            PayloadJson = JsonSerializer.Serialize(payload, Json),
            Essential = essential,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
}
