using TrainingHub.Core.Organizations;

namespace TrainingHub.Core.People;

/// <summary>A servant (or external participant) who is trained. Identified by CPF.</summary>
public class Person
{
    public int Id { get; set; }

    /// <summary>11 digits, no punctuation; validated with its check digits; unique.</summary>
    public required string Cpf { get; set; }

    public required string FullName { get; set; }

    /// <summary><see cref="Common.NameKey"/> of the full name, kept by the DbContext on every save.</summary>
    public string NameKey { get; set; } = "";
    public required string Email { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public string? JobTitle { get; set; }
    public string? RegistrationNumber { get; set; }
    public string PreferredLanguage { get; set; } = Common.Languages.Portuguese;

    /// <summary>False when the person opted out of non-essential messages (programmes, digests); essential ones always go.</summary>
    public bool ReceivesOptionalEmails { get; set; } = true;

    /// <summary>The person answers for their organisation in training-needs surveys sent to focal points.</summary>
    public bool IsFocalPoint { get; set; }

    /// <summary>The person's manager (chefia): may approve enrolments and is told about repeated absence.</summary>
    public int? ManagerId { get; set; }
    public Person? Manager { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when personal data was anonymised (LGPD); aggregates stay.</summary>
    public DateTime? AnonymizedAt { get; set; }
}
