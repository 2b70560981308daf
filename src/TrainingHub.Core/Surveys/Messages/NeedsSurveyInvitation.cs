using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Surveys.Messages;

/// <summary>
/// A training-needs survey asks the person (for their organisation) which topics the programme should offer: the
/// invitation when it is sent, and a reminder before the deadline to those who have not answered. The link is the
/// form's path, made absolute with App:PublicUrl.
/// </summary>
public sealed record NeedsSurveyInvitation(string Person, string Programme, string Cycle, string Organization, DateTime ClosesAt, string Path, bool Reminder)
    : IEmailMessage
{
    public bool Essential => false;
}
