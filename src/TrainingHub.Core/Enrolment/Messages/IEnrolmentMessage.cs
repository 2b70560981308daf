using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>What every enrolment message says of the class (the partial _Class.cshtml shows it).</summary>
public interface IEnrolmentMessage : IEmailMessage
{
    string Person { get; }

    /// <summary>The class's title.</summary>
    string Offering { get; }

    string OfferingCode { get; }
    DateOnly StartsOn { get; }
    DateOnly EndsOn { get; }
}
