using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts.Messages;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Accounts;

/// <summary>What one invitation request did.</summary>
/// <param name="Queued">Invitations whose e-mail was queued.</param>
/// <param name="HaveAccount">People skipped because they already have an account (or were anonymised).</param>
/// <param name="AlreadyInvited">People skipped because a link sent earlier still works.</param>
public sealed record InvitationReport(int Queued, int HaveAccount, int AlreadyInvited);

/// <summary>
/// Invites people without an account, in bulk (2 000 from an import in one request): one invitation row per person, one
/// e-mail through the outbox and one audit entry each (who sent it, from where, until when; never the token), written
/// with set-based inserts in one short transaction. A person whose earlier link still works is skipped unless
/// <paramref name="resend"/> says to replace it; then the earlier link stops working. People outside the administrator's
/// scope are not found; people with an account are skipped.
/// </summary>
public static class InvitePeople
{
    public const string Sent = "InvitationSent";
    public const string Resent = "InvitationResent";

    /// <summary>The most people one request invites (an import holds at most this many rows too).</summary>
    public const int MaxPeople = 20_000;

    private sealed record Invitee(int Id, string FullName, string Email, string Language, int OrganizationId, string Organization, bool HasAccount, bool Anonymized);

    public static Task<Result<InvitationReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time, InvitationSettings settings,
        string publicUrl, IReadOnlyCollection<int> personIds, InvitationSource source, bool resend, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        return HandleAsync(db, scope, db.People.InScope(scope), actor, time, settings, publicUrl, personIds, source, resend, ct);
    }

    /// <summary>
    /// Invites among <paramref name="reachable"/> people: the administrator's organisation scope for the overload above,
    /// a programme's members for the programme-owner scope (<see cref="Members.InviteMembers"/>).
    /// </summary>
    internal static async Task<Result<InvitationReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, IQueryable<People.Person> reachable, IAuditActor actor,
        TimeProvider time, InvitationSettings settings, string publicUrl, IReadOnlyCollection<int> personIds, InvitationSource source, bool resend, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(reachable);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(personIds);
        if (!scope.IsAdministrator)
        {
            return Error.Forbidden("PersonIds", "Invitation.NotAllowed");
        }

        var ids = personIds.Distinct().ToList();
        if (ids.Count is 0 or > MaxPeople)
        {
            return Error.Validation("PersonIds", "Invitation.PeopleCount", MaxPeople);
        }

        var people = ids.Count == 0 ? [] : await reachable.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new Invitee(p.Id, p.FullName, p.Email, p.PreferredLanguage, p.OrganizationId, p.Organization!.Name,
                db.Users.Any(u => u.PersonId == p.Id), p.AnonymizedAt != null))
            .ToListAsync(ct);
        if (people.Count < ids.Count && ids.Count == 1)
        {
            return Error.NotFound("PersonId", "Person.NotFound");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var expires = now.AddDays(settings.ValidDays);
        var found = people.Select(p => p.Id).ToList();
        var earlier = found.Count == 0 ? [] : await db.Invitations.Where(i => found.Contains(i.PersonId)).ToDictionaryAsync(i => i.PersonId, ct);
        var haveAccount = 0;
        var alreadyInvited = 0;
        var tokens = new Dictionary<int, string>();
        var fresh = new List<Invitation>();
        foreach (var p in people)
        {
            if (p.HasAccount || p.Anonymized)
            {
                haveAccount++;
                continue;
            }

            var token = InvitationTokens.NewToken();
            var key = string.Create(CultureInfo.InvariantCulture, $"{nameof(AccountInvitation)}:{p.Id}:{now.Ticks}");
            if (earlier.TryGetValue(p.Id, out var invitation))
            {
                if (!resend && invitation.AcceptedAt is null && invitation.ExpiresAt > now)
                {
                    alreadyInvited++;
                    continue;
                }

                invitation.Sends++;
                invitation.AcceptedAt = null;
                invitation.AcceptedUserId = null;
            }
            else
            {
                invitation = new Invitation { PersonId = p.Id, TokenHash = "", OutboxKey = "", Sends = 1 };
                fresh.Add(invitation);
            }

            invitation.TokenHash = InvitationTokens.Hash(token);
            invitation.OutboxKey = key;
            invitation.Source = source;
            invitation.SentAt = now;
            invitation.ExpiresAt = expires;
            invitation.InvitedByUserId = actor.UserId;
            tokens[p.Id] = token;
        }

        if (tokens.Count == 0)
        {
            return Result<InvitationReport>.Ok(new InvitationReport(0, haveAccount, alreadyInvited));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await BulkInsert.InsertAsync(db, fresh, ct);
        await db.SaveChangesAsync(ct); // the earlier invitations sent again
        var invited = tokens.Keys.ToList();
        var invitationIds = await db.Invitations.AsNoTracking().Where(i => invited.Contains(i.PersonId)).ToDictionaryAsync(i => i.PersonId, i => (i.Id, i.Sends, i.OutboxKey), ct);
        var messages = new List<OutboxMessage>(tokens.Count);
        var entries = new List<AuditEntry>(tokens.Count);
        var url = publicUrl.TrimEnd('/');
        foreach (var p in people.Where(p => tokens.ContainsKey(p.Id)))
        {
            var (id, sends, key) = invitationIds[p.Id];
            var link = string.Create(CultureInfo.InvariantCulture, $"{url}/invitation?i={id}&t={tokens[p.Id]}");
            var message = new AccountInvitation(p.FullName, p.Organization, link, settings.ValidDays);
            messages.Add(new OutboxMessage
            {
                IdempotencyKey = key,
                MessageType = EmailMessages.NameOf(message),
                RecipientPersonId = p.Id,
                ToAddress = p.Email,
                Language = p.Language,
                PayloadJson = EmailMessages.Serialize(message),
                Essential = message.Essential,
                Status = OutboxStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            });
            entries.Add(new AuditEntry
            {
                OccurredAt = AuditChain.Truncate(now),
                ActorUserId = actor.UserId,
                ActorName = actor.Name,
                Action = sends > 1 ? Resent : Sent,
                EntityType = nameof(Invitation),
                EntityId = id.ToString(CultureInfo.InvariantCulture),
                OrganizationId = p.OrganizationId,
                AfterJson = JsonSerializer.Serialize(new { personId = p.Id, source = source.ToString(), expiresAt = expires, sends }),
            });
        }

        await BulkInsert.InsertAsync(db, messages, ct);
        await BulkInsert.InsertAsync(db, entries, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return Result<InvitationReport>.Ok(new InvitationReport(tokens.Count, haveAccount, alreadyInvited));
    }
}
