using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Core.Catalog;

/// <summary>A webinar series (websérie) as a form or API client sends it.</summary>
public sealed record SeriesRequest(
    int? ProgrammeId, string? Code, string? Title, string? Description, string? ChannelUrl, DateOnly? StartsOn, DateOnly? EndsOn, int? Seats, string? Place,
    DateTime? EnrolmentOpensAt, DateTime? EnrolmentClosesAt, bool? ApprovalRequired, [property: JsonConverter(typeof(JsonStringEnumConverter))] OfferingStatus? Status,
    IReadOnlyList<int>? InstructorIds, [property: JsonConverter(typeof(JsonStringEnumConverter))] Eligibility? Eligibility, [property: JsonConverter(typeof(EnumNamesConverter<OrganizationKind>))] IReadOnlyList<OrganizationKind>? OrganizationKinds,
    IReadOnlyList<EligibleOrganization>? Organizations, bool? RegistrationByDate = null,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] SeriesKind? SeriesKind = null,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] ParticipationRule? ParticipationRule = null, int? ParticipationMinimum = null,
    string? ParticipationHours = null) : IOfferingRequest;

/// <summary>
/// Creates a webinar series (id null) or changes one. A scoped administrator must place it in a programme of their
/// scope. Nothing is saved on a field error.
/// </summary>
public static class SaveWebinarSeries
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int? id, SeriesRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        WebinarSeries? existing = null;
        if (id is { } seriesId)
        {
            existing = await db.WebinarSeries.InScope(scope).Include(c => c.Instructors).Include(c => c.EligibilityRules).SingleOrDefaultAsync(c => c.Id == seriesId, ct);
            if (existing is null)
            {
                return Error.NotFound("", OfferingFields.NotFound);
            }
        }

        var errors = new List<FieldError>();
        if (r.ProgrammeId is { } programmeId)
        {
            if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
            {
                errors.Add(new(nameof(r.ProgrammeId), "Catalog.ProgrammeNotFound"));
            }
        }
        else if (!scope.IsWholeInstallation)
        {
            errors.Add(new(nameof(r.ProgrammeId), "Catalog.ProgrammeRequired"));
        }

        var description = CatalogInput.Optional(errors, nameof(r.Description), r.Description, 4000, multiline: true);
        var channel = CatalogInput.Optional(errors, nameof(r.ChannelUrl), r.ChannelUrl, 500);
        if (channel is not null && !CatalogInput.IsHttpUrl(channel))
        {
            errors.Add(new(nameof(r.ChannelUrl), "Catalog.UrlInvalid"));
        }

        var rule = r.ParticipationRule ?? existing?.ParticipationRule ?? ParticipationRule.None;
        if (!Enum.IsDefined(rule) || (r.SeriesKind is { } kind && !Enum.IsDefined(kind)))
        {
            errors.Add(new(nameof(r.ParticipationRule), "Offering.ParticipationRuleInvalid"));
        }

        var minimum = r.ParticipationRule is null ? existing?.ParticipationMinimum : r.ParticipationMinimum;
        if (rule == ParticipationRule.MinimumSessions && minimum is not > 0)
        {
            errors.Add(new(nameof(r.ParticipationMinimum), "Offering.ParticipationMinimumRequired"));
        }

        var minutes = r.ParticipationRule is null ? existing?.ParticipationMinutes : null;
        if (r.ParticipationRule is not null && !string.IsNullOrWhiteSpace(r.ParticipationHours))
        {
            minutes = CatalogInput.ParseHours(r.ParticipationHours);
            if (minutes is not > 0)
            {
                errors.Add(new(nameof(r.ParticipationHours), "Catalog.HoursInvalid", r.ParticipationHours));
            }
        }

        await OfferingFields.ValidateAsync(db, scope, id, r.ProgrammeId, r, errors, ct);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var target = existing ?? db.WebinarSeries.Add(new WebinarSeries { Code = "", Title = "", CreatedAt = time.GetUtcNow().UtcDateTime }).Entity;
        OfferingFields.Apply(target, r);
        target.ProgrammeId = r.ProgrammeId;
        target.Description = description;
        target.ChannelUrl = channel;
        // Left out of an update (an older API client), the setting stays as it was.
        target.RegistrationByDate = r.RegistrationByDate ?? target.RegistrationByDate;
        target.SeriesKind = r.SeriesKind ?? target.SeriesKind;
        // The certificate rule likewise: left out, it stays; given, its minimum and hours come with it.
        target.ParticipationRule = rule;
        target.ParticipationMinimum = rule == ParticipationRule.MinimumSessions ? minimum : null;
        target.ParticipationMinutes = rule == ParticipationRule.MinimumSessions ? minutes : null;
        return await OfferingFields.SaveAsync(db, target, target.Code, ct);
    }
}
