using TrainingHub.Core.Accounts;

namespace TrainingHub.Core.Participation;

/// <summary>
/// A participation belongs to its programme: a scoped administrator or auditor sees the participations of the
/// programmes owned inside their scope, whatever organisation takes part (the programme-owner scope).
/// </summary>
public static class ParticipationScope
{
    public static IQueryable<ProgrammeParticipation> InScope(this IQueryable<ProgrammeParticipation> participations, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.OrganizationPath is { } path
            ? participations.Where(p => p.Programme!.OwnerOrganization!.Path.StartsWith(path))
            : participations;
    }
}
