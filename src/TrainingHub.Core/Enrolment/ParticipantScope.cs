using TrainingHub.Core.Accounts;

namespace TrainingHub.Core.Enrolment;

/// <summary>
/// Whose enrolments (and the attendance, approvals and certificates hanging on them) a scoped administrator or auditor
/// sees: every enrolment of a person in their scope, and every enrolment in an offering of a programme whose owning
/// organisation is in their scope, whatever organisation the participant belongs to. What belongs to a person outside
/// the programme (their other enrolments, their page) stays with their own organisation's scope. CPFs follow
/// <see cref="ReaderScope.ShowCpf"/>, not this.
/// </summary>
public static class ParticipantScope
{
    public static IQueryable<Enrolment> SeenBy(this IQueryable<Enrolment> enrolments, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.OrganizationPath is { } path
            ? enrolments.Where(e => e.Person!.Organization!.Path.StartsWith(path)
                || (e.Offering!.ProgrammeId != null && e.Offering.Programme!.OwnerOrganization!.Path.StartsWith(path)))
            : enrolments;
    }
}
