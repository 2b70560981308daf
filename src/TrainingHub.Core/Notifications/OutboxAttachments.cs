using TrainingHub.Core.Data;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// Produces the file a message names (<see cref="IEmailMessage.Attachments"/>, stored as
/// <c>"attachments": [{ "kind": "certificate", "key": "42" }]</c>) at the moment of sending, from what the database
/// holds, so the outbox stores a reference and never a copy. Each kind (certificate PDF, transcript, report) registers
/// one source; the dispatcher looks it up by <see cref="Kind"/>.
/// </summary>
public interface IOutboxAttachmentSource
{
    string Kind { get; }

    /// <summary>The file, or null when what the key names no longer exists (the row is dead-lettered, saying so).</summary>
    Task<EmailAttachment?> LoadAsync(TrainingHubDbContext db, string key, CancellationToken ct);
}

/// <summary>One attachment reference, as a message names it.</summary>
public sealed record OutboxAttachment(string Kind, string Key);

/// <summary>Resolves a message's attachment references with the registered sources.</summary>
public static class OutboxAttachments
{
    /// <summary>The files, or the reason they cannot be produced (unknown kind, or nothing behind the key).</summary>
    public static async Task<(IReadOnlyList<EmailAttachment> Files, string? Problem)> ResolveAsync(
        TrainingHubDbContext db, IEmailMessage message, IReadOnlyList<IOutboxAttachmentSource> sources, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sources);
        var refs = message.Attachments;
        if (refs.Count == 0)
        {
            return ([], null);
        }

        var files = new List<EmailAttachment>(refs.Count);
        foreach (var r in refs)
        {
            var source = sources.FirstOrDefault(s => string.Equals(s.Kind, r.Kind, StringComparison.Ordinal));
            if (source is null)
            {
                return ([], $"No attachment source for kind '{r.Kind}'.");
            }

            var file = await source.LoadAsync(db, r.Key, ct);
            if (file is null)
            {
                return ([], $"Attachment {r.Kind}:{r.Key} no longer exists.");
            }

            files.Add(file);
        }

        return (files, null);
    }
}
