IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AuditChainHead] (
        [Id] int NOT NULL,
        [LastSequence] bigint NOT NULL,
        [LastHash] nchar(64) NOT NULL,
        CONSTRAINT [PK_AuditChainHead] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_AuditChainHead_Single] CHECK ("Id" = 1)
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [Sequence] bigint NOT NULL,
        [OccurredAt] datetime2 NOT NULL,
        [ActorUserId] nvarchar(450) NULL,
        [ActorName] nvarchar(200) NOT NULL,
        [Action] nvarchar(40) NOT NULL,
        [EntityType] nvarchar(80) NOT NULL,
        [EntityId] nvarchar(100) NOT NULL,
        [OrganizationId] int NULL,
        [BeforeJson] nvarchar(max) NULL,
        [AfterJson] nvarchar(max) NULL,
        [Reason] nvarchar(1000) NULL,
        [PreviousHash] nchar(64) NOT NULL,
        [Hash] nchar(64) NOT NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_AuditEntries_Sequence] CHECK ("Sequence" > 0)
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(200) NULL,
        [Xml] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [Organizations] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(200) NOT NULL,
        [NameKey] nvarchar(200) NOT NULL,
        [Acronym] nvarchar(40) NULL,
        [Kind] nvarchar(32) NOT NULL,
        [IbgeCode] nchar(7) NULL,
        [State] nchar(2) NULL,
        [Cnpj] nchar(14) NULL,
        [ParentId] int NULL,
        [Path] nvarchar(400) NOT NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Organizations] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Organizations_ParentNotSelf] CHECK ("ParentId" IS NULL OR "ParentId" <> "Id"),
        CONSTRAINT [FK_Organizations_Organizations_ParentId] FOREIGN KEY ([ParentId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [People] (
        [Id] int NOT NULL IDENTITY,
        [Cpf] nchar(11) NOT NULL,
        [FullName] nvarchar(200) NOT NULL,
        [NameKey] nvarchar(200) NOT NULL,
        [Email] nvarchar(254) NOT NULL,
        [OrganizationId] int NOT NULL,
        [JobTitle] nvarchar(120) NULL,
        [RegistrationNumber] nvarchar(40) NULL,
        [PreferredLanguage] nvarchar(8) NOT NULL,
        [ManagerId] int NULL,
        [CreatedAt] datetime2 NOT NULL,
        [AnonymizedAt] datetime2 NULL,
        CONSTRAINT [PK_People] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_People_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_People_People_ManagerId] FOREIGN KEY ([ManagerId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [Programmes] (
        [Id] int NOT NULL IDENTITY,
        [Code] nvarchar(40) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(4000) NULL,
        [OwnerOrganizationId] int NOT NULL,
        [TargetMinutes] int NULL,
        [TargetPeriod] nvarchar(32) NOT NULL,
        [StartsOn] date NULL,
        [EndsOn] date NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Programmes] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Programmes_Target] CHECK ("TargetMinutes" IS NULL OR "TargetMinutes" > 0),
        CONSTRAINT [FK_Programmes_Organizations_OwnerOrganizationId] FOREIGN KEY ([OwnerOrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [PersonId] int NULL,
        [ScopeOrganizationId] int NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [PreferredLanguage] nvarchar(8) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUsers_Organizations_ScopeOrganizationId] FOREIGN KEY ([ScopeOrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AspNetUsers_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [OutboxMessages] (
        [Id] bigint NOT NULL IDENTITY,
        [IdempotencyKey] nvarchar(200) NOT NULL,
        [MessageType] nvarchar(80) NOT NULL,
        [RecipientPersonId] int NULL,
        [ToAddress] nvarchar(254) NOT NULL,
        [Language] nvarchar(8) NOT NULL,
        [PayloadJson] nvarchar(max) NOT NULL,
        [Essential] bit NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Attempts] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [LockedUntil] datetime2 NULL,
        [LockedBy] nvarchar(100) NULL,
        [SentAt] datetime2 NULL,
        [LastError] nvarchar(2000) NULL,
        CONSTRAINT [PK_OutboxMessages] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_OutboxMessages_Attempts] CHECK ("Attempts" >= 0),
        CONSTRAINT [FK_OutboxMessages_People_RecipientPersonId] FOREIGN KEY ([RecipientPersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [Courses] (
        [Id] int NOT NULL IDENTITY,
        [ProgrammeId] int NULL,
        [Code] nvarchar(40) NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Syllabus] nvarchar(max) NOT NULL,
        [WorkloadMinutes] int NOT NULL,
        [Modality] nvarchar(32) NOT NULL,
        [MinAttendancePercent] int NOT NULL,
        [RequiredMinutes] int NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Courses] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Courses_MinAttendance] CHECK ("MinAttendancePercent" BETWEEN 0 AND 100),
        CONSTRAINT [CK_Courses_RequiredMinutes] CHECK ("RequiredMinutes" IS NULL OR "RequiredMinutes" >= 0),
        CONSTRAINT [CK_Courses_Workload] CHECK ("WorkloadMinutes" > 0),
        CONSTRAINT [FK_Courses_Programmes_ProgrammeId] FOREIGN KEY ([ProgrammeId]) REFERENCES [Programmes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [ProgrammeMembers] (
        [ProgrammeId] int NOT NULL,
        [PersonId] int NOT NULL,
        [JoinedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ProgrammeMembers] PRIMARY KEY ([ProgrammeId], [PersonId]),
        CONSTRAINT [FK_ProgrammeMembers_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ProgrammeMembers_Programmes_ProgrammeId] FOREIGN KEY ([ProgrammeId]) REFERENCES [Programmes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [ApiTokens] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Prefix] nvarchar(16) NOT NULL,
        [TokenHash] nchar(64) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NULL,
        [LastUsedAt] datetime2 NULL,
        [RevokedAt] datetime2 NULL,
        CONSTRAINT [PK_ApiTokens] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ApiTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [Offerings] (
        [Id] int NOT NULL IDENTITY,
        [Code] nvarchar(40) NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [ProgrammeId] int NULL,
        [StartsOn] date NOT NULL,
        [EndsOn] date NOT NULL,
        [Seats] int NULL,
        [ConfirmedCount] int NOT NULL,
        [EnrolmentOpensAt] datetime2 NULL,
        [EnrolmentClosesAt] datetime2 NULL,
        [ApprovalRequired] bit NOT NULL,
        [Eligibility] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Place] nvarchar(300) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [CourseId] int NULL,
        [Description] nvarchar(4000) NULL,
        [ChannelUrl] nvarchar(500) NULL,
        CONSTRAINT [PK_Offerings] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Offerings_ClassHasCourse] CHECK ("Kind" <> 'Class' OR "CourseId" IS NOT NULL),
        CONSTRAINT [CK_Offerings_ConfirmedWithinSeats] CHECK ("ConfirmedCount" >= 0 AND ("Seats" IS NULL OR "ConfirmedCount" <= "Seats")),
        CONSTRAINT [CK_Offerings_Dates] CHECK ("EndsOn" >= "StartsOn"),
        CONSTRAINT [CK_Offerings_Seats] CHECK ("Seats" IS NULL OR "Seats" >= 0),
        CONSTRAINT [CK_Offerings_Window] CHECK ("EnrolmentOpensAt" IS NULL OR "EnrolmentClosesAt" IS NULL OR "EnrolmentClosesAt" > "EnrolmentOpensAt"),
        CONSTRAINT [FK_Offerings_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Offerings_Programmes_ProgrammeId] FOREIGN KEY ([ProgrammeId]) REFERENCES [Programmes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [EligibilityRules] (
        [Id] int NOT NULL IDENTITY,
        [OfferingId] int NOT NULL,
        [OrganizationKind] nvarchar(32) NULL,
        [OrganizationId] int NULL,
        [SeatQuota] int NULL,
        CONSTRAINT [PK_EligibilityRules] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_EligibilityRules_OneTarget] CHECK (("OrganizationKind" IS NULL AND "OrganizationId" IS NOT NULL) OR ("OrganizationKind" IS NOT NULL AND "OrganizationId" IS NULL)),
        CONSTRAINT [CK_EligibilityRules_Quota] CHECK ("SeatQuota" IS NULL OR "SeatQuota" >= 0),
        CONSTRAINT [FK_EligibilityRules_Offerings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [Offerings] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_EligibilityRules_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [Enrolments] (
        [Id] int NOT NULL IDENTITY,
        [OfferingId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [WaitlistPosition] int NULL,
        [RequestedAt] datetime2 NOT NULL,
        [ConfirmedAt] datetime2 NULL,
        [DecidedAt] datetime2 NULL,
        [DecidedByUserId] nvarchar(450) NULL,
        [DecisionReason] nvarchar(1000) NULL,
        [OfferExpiresAt] datetime2 NULL,
        [CompletedAt] datetime2 NULL,
        [OutcomeReason] nvarchar(1000) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Enrolments] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Enrolments_WaitlistOnlyWhenWaitlisted] CHECK (("Status" = 'Waitlisted' AND "WaitlistPosition" IS NOT NULL AND "WaitlistPosition" > 0) OR ("Status" <> 'Waitlisted' AND "WaitlistPosition" IS NULL)),
        CONSTRAINT [FK_Enrolments_Offerings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [Offerings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Enrolments_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [OfferingInstructors] (
        [OfferingId] int NOT NULL,
        [PersonId] int NOT NULL,
        CONSTRAINT [PK_OfferingInstructors] PRIMARY KEY ([OfferingId], [PersonId]),
        CONSTRAINT [FK_OfferingInstructors_Offerings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [Offerings] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_OfferingInstructors_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [Sessions] (
        [Id] int NOT NULL IDENTITY,
        [OfferingId] int NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [StartsAt] datetime2 NOT NULL,
        [EndsAt] datetime2 NOT NULL,
        [CreditedMinutes] int NOT NULL,
        [Place] nvarchar(300) NULL,
        [StreamUrl] nvarchar(500) NULL,
        [Status] nvarchar(32) NOT NULL,
        [ClosedAt] datetime2 NULL,
        CONSTRAINT [PK_Sessions] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Sessions_Credited] CHECK ("CreditedMinutes" > 0),
        CONSTRAINT [CK_Sessions_Times] CHECK ("EndsAt" > "StartsAt"),
        CONSTRAINT [FK_Sessions_Offerings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [Offerings] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [Certificates] (
        [Id] int NOT NULL IDENTITY,
        [Kind] nvarchar(32) NOT NULL,
        [PersonId] int NOT NULL,
        [EnrolmentId] int NULL,
        [VerificationCode] nvarchar(40) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [SnapshotJson] nvarchar(max) NOT NULL,
        [Language] nvarchar(8) NOT NULL,
        [IssuedAt] datetime2 NOT NULL,
        [ValidUntil] datetime2 NULL,
        [RevokedAt] datetime2 NULL,
        [RevocationReason] nvarchar(1000) NULL,
        [SupersededById] int NULL,
        [PeriodFrom] date NULL,
        [PeriodTo] date NULL,
        CONSTRAINT [PK_Certificates] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Certificates_CompletionHasEnrolment] CHECK ("Kind" <> 'Completion' OR "EnrolmentId" IS NOT NULL),
        CONSTRAINT [CK_Certificates_RevokedHasReason] CHECK ("Status" <> 'Revoked' OR ("RevokedAt" IS NOT NULL AND "RevocationReason" IS NOT NULL)),
        CONSTRAINT [CK_Certificates_SupersededHasSuccessor] CHECK ("Status" <> 'Superseded' OR "SupersededById" IS NOT NULL),
        CONSTRAINT [FK_Certificates_Certificates_SupersededById] FOREIGN KEY ([SupersededById]) REFERENCES [Certificates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Certificates_Enrolments_EnrolmentId] FOREIGN KEY ([EnrolmentId]) REFERENCES [Enrolments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Certificates_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE TABLE [AttendanceRecords] (
        [Id] bigint NOT NULL IDENTITY,
        [SessionId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Minutes] int NULL,
        [Source] nvarchar(32) NOT NULL,
        [RecordedByUserId] nvarchar(450) NULL,
        [RecordedAt] datetime2 NOT NULL,
        [Note] nvarchar(1000) NULL,
        CONSTRAINT [PK_AttendanceRecords] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_AttendanceRecords_Minutes] CHECK ("Minutes" IS NULL OR "Minutes" >= 0),
        CONSTRAINT [CK_AttendanceRecords_PartialHasMinutes] CHECK ("Status" <> 'Partial' OR "Minutes" IS NOT NULL),
        CONSTRAINT [FK_AttendanceRecords_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AttendanceRecords_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'LastHash', N'LastSequence') AND [object_id] = OBJECT_ID(N'[AuditChainHead]'))
        SET IDENTITY_INSERT [AuditChainHead] ON;
    EXEC(N'INSERT INTO [AuditChainHead] ([Id], [LastHash], [LastSequence])
    VALUES (1, N''0000000000000000000000000000000000000000000000000000000000000000'', CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'LastHash', N'LastSequence') AND [object_id] = OBJECT_ID(N'[AuditChainHead]'))
        SET IDENTITY_INSERT [AuditChainHead] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiTokens_TokenHash] ON [ApiTokens] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_ApiTokens_UserId] ON [ApiTokens] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AspNetUsers_PersonId] ON [AspNetUsers] ([PersonId]) WHERE [PersonId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_ScopeOrganizationId] ON [AspNetUsers] ([ScopeOrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_AttendanceRecords_PersonId] ON [AttendanceRecords] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AttendanceRecords_SessionId_PersonId] ON [AttendanceRecords] ([SessionId], [PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_EntityType_EntityId] ON [AuditEntries] ([EntityType], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_OccurredAt] ON [AuditEntries] ([OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_OrganizationId] ON [AuditEntries] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AuditEntries_PreviousHash] ON [AuditEntries] ([PreviousHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AuditEntries_Sequence] ON [AuditEntries] ([Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Certificates_OneValidPerEnrolment] ON [Certificates] ([EnrolmentId]) WHERE "Status" = ''Valid'' AND "EnrolmentId" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Certificates_PersonId] ON [Certificates] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Certificates_SupersededById] ON [Certificates] ([SupersededById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Certificates_VerificationCode] ON [Certificates] ([VerificationCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Courses_Code] ON [Courses] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Courses_ProgrammeId] ON [Courses] ([ProgrammeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_EligibilityRules_OfferingId_OrganizationId] ON [EligibilityRules] ([OfferingId], [OrganizationId]) WHERE "OrganizationId" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_EligibilityRules_OfferingId_OrganizationKind] ON [EligibilityRules] ([OfferingId], [OrganizationKind]) WHERE "OrganizationKind" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_EligibilityRules_OrganizationId] ON [EligibilityRules] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Enrolments_OfferingId_PersonId] ON [Enrolments] ([OfferingId], [PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Enrolments_OfferingId_Status] ON [Enrolments] ([OfferingId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Enrolments_OfferingId_WaitlistPosition] ON [Enrolments] ([OfferingId], [WaitlistPosition]) WHERE "WaitlistPosition" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Enrolments_PersonId_Status] ON [Enrolments] ([PersonId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_OfferingInstructors_PersonId] ON [OfferingInstructors] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Offerings_Code] ON [Offerings] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Offerings_CourseId] ON [Offerings] ([CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Offerings_ProgrammeId] ON [Offerings] ([ProgrammeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Offerings_Status_StartsOn] ON [Offerings] ([Status], [StartsOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Organizations_IbgeCode] ON [Organizations] ([IbgeCode]) WHERE "IbgeCode" IS NOT NULL AND "Kind" = ''CityHall''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_NameKey] ON [Organizations] ([NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_ParentId] ON [Organizations] ([ParentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_Path] ON [Organizations] ([Path]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OutboxMessages_IdempotencyKey] ON [OutboxMessages] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_RecipientPersonId] ON [OutboxMessages] ([RecipientPersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_Status_NextAttemptAt] ON [OutboxMessages] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_People_Cpf] ON [People] ([Cpf]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_People_Email] ON [People] ([Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_People_ManagerId] ON [People] ([ManagerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_People_NameKey] ON [People] ([NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_People_OrganizationId_NameKey] ON [People] ([OrganizationId], [NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_ProgrammeMembers_PersonId] ON [ProgrammeMembers] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Programmes_Code] ON [Programmes] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Programmes_OwnerOrganizationId] ON [Programmes] ([OwnerOrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Sessions_OfferingId_StartsAt] ON [Sessions] ([OfferingId], [StartsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    CREATE INDEX [IX_Sessions_StartsAt] ON [Sessions] ([StartsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121204632_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121204632_Initial', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121220616_EmailPreferences'
)
BEGIN
    ALTER TABLE [People] ADD [ReceivesOptionalEmails] bit NOT NULL DEFAULT CAST(1 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121220616_EmailPreferences'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121220616_EmailPreferences', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232723_Certificates'
)
BEGIN
    ALTER TABLE [Certificates] ADD [ContentHash] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232723_Certificates'
)
BEGIN
    CREATE TABLE [CertificateSettings] (
        [ProgrammeId] int NOT NULL,
        [Issuer] nvarchar(200) NOT NULL,
        [IssuerCnpj] nvarchar(18) NULL,
        [Place] nvarchar(120) NOT NULL,
        [Signatories] nvarchar(2000) NOT NULL,
        [ValidityMonths] int NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_CertificateSettings] PRIMARY KEY ([ProgrammeId]),
        CONSTRAINT [CK_CertificateSettings_Validity] CHECK ("ValidityMonths" IS NULL OR "ValidityMonths" > 0),
        CONSTRAINT [FK_CertificateSettings_Programmes_ProgrammeId] FOREIGN KEY ([ProgrammeId]) REFERENCES [Programmes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232723_Certificates'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Certificates_OneValidTranscriptPerPeriod] ON [Certificates] ([PersonId], [PeriodFrom], [PeriodTo]) WHERE "Status" = ''Valid'' AND "Kind" = ''Transcript''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232723_Certificates'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121232723_Certificates', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232844_NotifyRemindersHistory'
)
BEGIN
    ALTER TABLE [Sessions] ADD [Sequence] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232844_NotifyRemindersHistory'
)
BEGIN
    CREATE TABLE [OutboxAttempts] (
        [Id] bigint NOT NULL IDENTITY,
        [OutboxMessageId] bigint NOT NULL,
        [Attempt] int NOT NULL,
        [At] datetime2 NOT NULL,
        [Instance] nvarchar(100) NOT NULL,
        [Outcome] nvarchar(32) NOT NULL,
        [Error] nvarchar(2000) NULL,
        CONSTRAINT [PK_OutboxAttempts] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_OutboxAttempts_Attempt] CHECK ("Attempt" >= 1),
        CONSTRAINT [FK_OutboxAttempts_OutboxMessages_OutboxMessageId] FOREIGN KEY ([OutboxMessageId]) REFERENCES [OutboxMessages] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232844_NotifyRemindersHistory'
)
BEGIN
    EXEC(N'ALTER TABLE [Sessions] ADD CONSTRAINT [CK_Sessions_Sequence] CHECK ("Sequence" >= 0)');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232844_NotifyRemindersHistory'
)
BEGIN
    CREATE INDEX [IX_OutboxAttempts_At] ON [OutboxAttempts] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232844_NotifyRemindersHistory'
)
BEGIN
    CREATE INDEX [IX_OutboxAttempts_OutboxMessageId_Id] ON [OutboxAttempts] ([OutboxMessageId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121232844_NotifyRemindersHistory'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121232844_NotifyRemindersHistory', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE TABLE [AbsenceJustifications] (
        [Id] int NOT NULL IDENTITY,
        [AttendanceRecordId] bigint NOT NULL,
        [SessionId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Note] nvarchar(1000) NOT NULL,
        [FileName] nvarchar(200) NOT NULL,
        [ContentType] nvarchar(64) NOT NULL,
        [SizeBytes] int NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [SubmittedAt] datetime2 NOT NULL,
        [DecidedAt] datetime2 NULL,
        [DecidedByUserId] nvarchar(450) NULL,
        [DecisionReason] nvarchar(1000) NULL,
        CONSTRAINT [PK_AbsenceJustifications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AbsenceJustifications_AttendanceRecords_AttendanceRecordId] FOREIGN KEY ([AttendanceRecordId]) REFERENCES [AttendanceRecords] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AbsenceJustifications_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AbsenceJustifications_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE TABLE [AtRiskFlags] (
        [Id] int NOT NULL IDENTITY,
        [EnrolmentId] int NOT NULL,
        [OfferingId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Condition] nvarchar(32) NOT NULL,
        [Detail] nvarchar(200) NOT NULL,
        [RaisedAt] datetime2 NOT NULL,
        [ResolvedAt] datetime2 NULL,
        CONSTRAINT [PK_AtRiskFlags] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AtRiskFlags_Enrolments_EnrolmentId] FOREIGN KEY ([EnrolmentId]) REFERENCES [Enrolments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AtRiskFlags_Offerings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [Offerings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AtRiskFlags_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE TABLE [AbsenceDocuments] (
        [JustificationId] int NOT NULL,
        [Content] varbinary(max) NOT NULL,
        CONSTRAINT [PK_AbsenceDocuments] PRIMARY KEY ([JustificationId]),
        CONSTRAINT [FK_AbsenceDocuments_AbsenceJustifications_JustificationId] FOREIGN KEY ([JustificationId]) REFERENCES [AbsenceJustifications] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AbsenceJustifications_AttendanceRecordId] ON [AbsenceJustifications] ([AttendanceRecordId]) WHERE "Status" = ''Pending''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE INDEX [IX_AbsenceJustifications_PersonId] ON [AbsenceJustifications] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE INDEX [IX_AbsenceJustifications_SessionId] ON [AbsenceJustifications] ([SessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE INDEX [IX_AbsenceJustifications_Status_SubmittedAt] ON [AbsenceJustifications] ([Status], [SubmittedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AtRiskFlags_EnrolmentId_Condition] ON [AtRiskFlags] ([EnrolmentId], [Condition]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE INDEX [IX_AtRiskFlags_OfferingId_ResolvedAt] ON [AtRiskFlags] ([OfferingId], [ResolvedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE INDEX [IX_AtRiskFlags_PersonId] ON [AtRiskFlags] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    CREATE INDEX [IX_AtRiskFlags_ResolvedAt_RaisedAt] ON [AtRiskFlags] ([ResolvedAt], [RaisedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233206_AttendanceImportJustificationAtRisk'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121233206_AttendanceImportJustificationAtRisk', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233238_LiveCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [CheckedInAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233238_LiveCheckIn'
)
BEGIN
    ALTER TABLE [AttendanceRecords] ADD [ConfirmedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233238_LiveCheckIn'
)
BEGIN
    CREATE TABLE [CheckInFailures] (
        [Id] bigint NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [SessionId] int NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_CheckInFailures] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CheckInFailures_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233238_LiveCheckIn'
)
BEGIN
    CREATE TABLE [CheckInWindows] (
        [Id] bigint NOT NULL IDENTITY,
        [SessionId] int NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Secret] varbinary(64) NOT NULL,
        [CodeSeconds] int NOT NULL,
        [OpensAt] datetime2 NOT NULL,
        [ClosesAt] datetime2 NOT NULL,
        [OpenedByUserId] nvarchar(450) NULL,
        [ClosedByUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_CheckInWindows] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_CheckInWindows_CodeSeconds] CHECK ("CodeSeconds" > 0),
        CONSTRAINT [CK_CheckInWindows_Period] CHECK ("ClosesAt" >= "OpensAt"),
        CONSTRAINT [FK_CheckInWindows_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233238_LiveCheckIn'
)
BEGIN
    CREATE INDEX [IX_CheckInFailures_PersonId_At] ON [CheckInFailures] ([PersonId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233238_LiveCheckIn'
)
BEGIN
    CREATE INDEX [IX_CheckInWindows_ClosesAt] ON [CheckInWindows] ([ClosesAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233238_LiveCheckIn'
)
BEGIN
    CREATE INDEX [IX_CheckInWindows_SessionId_ClosesAt] ON [CheckInWindows] ([SessionId], [ClosesAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121233238_LiveCheckIn'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121233238_LiveCheckIn', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122011056_ReportSubscriptions'
)
BEGIN
    CREATE TABLE [ReportSubscriptions] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [PersonId] int NULL,
        [Email] nvarchar(256) NOT NULL,
        [Language] nvarchar(8) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [FiltersJson] nvarchar(1000) NOT NULL,
        [ScopeOrganizationId] int NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CancelledAt] datetime2 NULL,
        CONSTRAINT [PK_ReportSubscriptions] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_ReportSubscriptions_CancelledAfterCreated] CHECK ("CancelledAt" IS NULL OR "CancelledAt" >= "CreatedAt"),
        CONSTRAINT [FK_ReportSubscriptions_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ReportSubscriptions_Organizations_ScopeOrganizationId] FOREIGN KEY ([ScopeOrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ReportSubscriptions_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122011056_ReportSubscriptions'
)
BEGIN
    CREATE INDEX [IX_ReportSubscriptions_PersonId] ON [ReportSubscriptions] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122011056_ReportSubscriptions'
)
BEGIN
    CREATE INDEX [IX_ReportSubscriptions_ScopeOrganizationId] ON [ReportSubscriptions] ([ScopeOrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122011056_ReportSubscriptions'
)
BEGIN
    CREATE INDEX [IX_ReportSubscriptions_UserId_CancelledAt] ON [ReportSubscriptions] ([UserId], [CancelledAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122011056_ReportSubscriptions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261122011056_ReportSubscriptions', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_FIRED_TRIGGERS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_PAUSED_TRIGGER_GRPS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_PAUSED_JOB_GRPS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_SCHEDULER_STATE];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_LOCKS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_SIMPLE_TRIGGERS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_SIMPROP_TRIGGERS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_CRON_TRIGGERS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_BLOB_TRIGGERS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_TRIGGERS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_JOB_DETAILS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_CALENDARS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_EXECUTION_HISTORY];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_MISFIRE_HISTORY];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    DROP TABLE IF EXISTS [QRTZ_JOB_STATUS];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207085828_DropQuartzTables'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207085828_DropQuartzTables', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207110059_SignInSessions'
)
BEGIN
    CREATE TABLE [SignInSessions] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [KeyHash] nchar(64) NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [EndedAt] datetime2 NULL,
        CONSTRAINT [PK_SignInSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SignInSessions_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207110059_SignInSessions'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SignInSessions_KeyHash] ON [SignInSessions] ([KeyHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207110059_SignInSessions'
)
BEGIN
    CREATE INDEX [IX_SignInSessions_UserId] ON [SignInSessions] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207110059_SignInSessions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207110059_SignInSessions', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    ALTER TABLE [Sessions] ADD [RegisteredCount] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    ALTER TABLE [Sessions] ADD [Seats] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    ALTER TABLE [Offerings] ADD [RegistrationByDate] bit NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    ALTER TABLE [Enrolments] ADD [ChosenSessions] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    CREATE TABLE [SessionRegistrations] (
        [Id] int NOT NULL IDENTITY,
        [SessionId] int NOT NULL,
        [EnrolmentId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [WaitlistPosition] int NULL,
        [RegisteredAt] datetime2 NOT NULL,
        CONSTRAINT [PK_SessionRegistrations] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_SessionRegistrations_WaitlistOnlyWhenWaitlisted] CHECK (("Status" = 'Waitlisted' AND "WaitlistPosition" IS NOT NULL AND "WaitlistPosition" > 0) OR ("Status" <> 'Waitlisted' AND "WaitlistPosition" IS NULL)),
        CONSTRAINT [FK_SessionRegistrations_Enrolments_EnrolmentId] FOREIGN KEY ([EnrolmentId]) REFERENCES [Enrolments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SessionRegistrations_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SessionRegistrations_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    EXEC(N'ALTER TABLE [Sessions] ADD CONSTRAINT [CK_Sessions_RegisteredCount] CHECK ("RegisteredCount" >= 0)');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    EXEC(N'ALTER TABLE [Sessions] ADD CONSTRAINT [CK_Sessions_Seats] CHECK ("Seats" IS NULL OR ("Seats" > 0 AND "RegisteredCount" <= "Seats"))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    CREATE INDEX [IX_SessionRegistrations_EnrolmentId] ON [SessionRegistrations] ([EnrolmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    CREATE INDEX [IX_SessionRegistrations_PersonId] ON [SessionRegistrations] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SessionRegistrations_SessionId_PersonId] ON [SessionRegistrations] ([SessionId], [PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_SessionRegistrations_SessionId_WaitlistPosition] ON [SessionRegistrations] ([SessionId], [WaitlistPosition]) WHERE "WaitlistPosition" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121928_RegistrationByDate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207121928_RegistrationByDate', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    DROP INDEX [IX_AuditEntries_PreviousHash] ON [AuditEntries];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    DROP INDEX [IX_AuditEntries_Sequence] ON [AuditEntries];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AuditEntries]') AND [c].[name] = N'Sequence');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [AuditEntries] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [AuditEntries] ALTER COLUMN [Sequence] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AuditEntries]') AND [c].[name] = N'PreviousHash');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [AuditEntries] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [AuditEntries] ALTER COLUMN [PreviousHash] nchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AuditEntries]') AND [c].[name] = N'Hash');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [AuditEntries] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [AuditEntries] ALTER COLUMN [Hash] nchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [SealedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    ALTER TABLE [AuditChainHead] ADD [KeyedFrom] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    ALTER TABLE [AuditChainHead] ADD [VerifiedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    ALTER TABLE [AuditChainHead] ADD [VerifiedProblem] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    ALTER TABLE [AuditChainHead] ADD [VerifiedSequence] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    EXEC(N'UPDATE [AuditChainHead] SET [KeyedFrom] = NULL, [VerifiedAt] = NULL, [VerifiedProblem] = NULL, [VerifiedSequence] = NULL
    WHERE [Id] = 1;
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AuditEntries_PreviousHash] ON [AuditEntries] ([PreviousHash]) WHERE [PreviousHash] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AuditEntries_Sequence] ON [AuditEntries] ([Sequence]) WHERE [Sequence] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122206_AuditSealing'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207122206_AuditSealing', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE TABLE [Questionnaires] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(200) NOT NULL,
        [Purpose] nvarchar(32) NOT NULL,
        [OwnerOrganizationId] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Questionnaires] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Questionnaires_Organizations_OwnerOrganizationId] FOREIGN KEY ([OwnerOrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE TABLE [ProgrammeEvaluations] (
        [ProgrammeId] int NOT NULL,
        [QuestionnaireId] int NOT NULL,
        [RequiredForCertificate] bit NOT NULL,
        [DaysOpen] int NOT NULL,
        CONSTRAINT [PK_ProgrammeEvaluations] PRIMARY KEY ([ProgrammeId]),
        CONSTRAINT [CK_ProgrammeEvaluations_DaysOpen] CHECK ("DaysOpen" > 0),
        CONSTRAINT [FK_ProgrammeEvaluations_Programmes_ProgrammeId] FOREIGN KEY ([ProgrammeId]) REFERENCES [Programmes] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ProgrammeEvaluations_Questionnaires_QuestionnaireId] FOREIGN KEY ([QuestionnaireId]) REFERENCES [Questionnaires] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE TABLE [QuestionnaireVersions] (
        [Id] int NOT NULL IDENTITY,
        [QuestionnaireId] int NOT NULL,
        [Number] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_QuestionnaireVersions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_QuestionnaireVersions_Questionnaires_QuestionnaireId] FOREIGN KEY ([QuestionnaireId]) REFERENCES [Questionnaires] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE TABLE [Surveys] (
        [Id] int NOT NULL IDENTITY,
        [Key] nvarchar(64) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [QuestionnaireId] int NOT NULL,
        [ProgrammeId] int NULL,
        [OfferingId] int NULL,
        [SessionId] int NULL,
        [ClosesAt] datetime2 NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Surveys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Surveys_Offerings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [Offerings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Surveys_Programmes_ProgrammeId] FOREIGN KEY ([ProgrammeId]) REFERENCES [Programmes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Surveys_Questionnaires_QuestionnaireId] FOREIGN KEY ([QuestionnaireId]) REFERENCES [Questionnaires] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Surveys_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE TABLE [Questions] (
        [Id] int NOT NULL IDENTITY,
        [VersionId] int NOT NULL,
        [Position] int NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Required] bit NOT NULL,
        [SectionPt] nvarchar(200) NULL,
        [SectionEn] nvarchar(200) NULL,
        [TextPt] nvarchar(500) NOT NULL,
        [TextEn] nvarchar(500) NOT NULL,
        [OptionsPt] nvarchar(4000) NULL,
        [OptionsEn] nvarchar(4000) NULL,
        CONSTRAINT [PK_Questions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Questions_QuestionnaireVersions_VersionId] FOREIGN KEY ([VersionId]) REFERENCES [QuestionnaireVersions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE TABLE [SurveyResponses] (
        [Id] int NOT NULL IDENTITY,
        [SurveyId] int NOT NULL,
        [PersonId] int NOT NULL,
        [VersionId] int NOT NULL,
        [OrganizationId] int NOT NULL,
        [SubmittedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_SurveyResponses] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SurveyResponses_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SurveyResponses_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SurveyResponses_QuestionnaireVersions_VersionId] FOREIGN KEY ([VersionId]) REFERENCES [QuestionnaireVersions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SurveyResponses_Surveys_SurveyId] FOREIGN KEY ([SurveyId]) REFERENCES [Surveys] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE TABLE [SurveyAnswers] (
        [Id] int NOT NULL IDENTITY,
        [ResponseId] int NOT NULL,
        [QuestionId] int NOT NULL,
        [Value] nvarchar(4000) NOT NULL,
        CONSTRAINT [PK_SurveyAnswers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SurveyAnswers_Questions_QuestionId] FOREIGN KEY ([QuestionId]) REFERENCES [Questions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SurveyAnswers_SurveyResponses_ResponseId] FOREIGN KEY ([ResponseId]) REFERENCES [SurveyResponses] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_ProgrammeEvaluations_QuestionnaireId] ON [ProgrammeEvaluations] ([QuestionnaireId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_Questionnaires_OwnerOrganizationId] ON [Questionnaires] ([OwnerOrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_QuestionnaireVersions_QuestionnaireId_Number] ON [QuestionnaireVersions] ([QuestionnaireId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Questions_VersionId_Position] ON [Questions] ([VersionId], [Position]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_SurveyAnswers_QuestionId] ON [SurveyAnswers] ([QuestionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SurveyAnswers_ResponseId_QuestionId] ON [SurveyAnswers] ([ResponseId], [QuestionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_SurveyResponses_OrganizationId] ON [SurveyResponses] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_SurveyResponses_PersonId] ON [SurveyResponses] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SurveyResponses_SurveyId_PersonId] ON [SurveyResponses] ([SurveyId], [PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_SurveyResponses_VersionId] ON [SurveyResponses] ([VersionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Surveys_Key] ON [Surveys] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_Surveys_OfferingId] ON [Surveys] ([OfferingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_Surveys_ProgrammeId] ON [Surveys] ([ProgrammeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_Surveys_QuestionnaireId] ON [Surveys] ([QuestionnaireId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    CREATE INDEX [IX_Surveys_SessionId] ON [Surveys] ([SessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207122310_Surveys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207122310_Surveys', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207140723_CertificateReviewKept'
)
BEGIN
    ALTER TABLE [Certificates] ADD [ReviewKeptAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207140723_CertificateReviewKept'
)
BEGIN
    ALTER TABLE [Certificates] ADD [ReviewKeptBy] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207140723_CertificateReviewKept'
)
BEGIN
    ALTER TABLE [Certificates] ADD [ReviewKeptReason] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207140723_CertificateReviewKept'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207140723_CertificateReviewKept', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    ALTER TABLE [Surveys] ADD [Audience] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    ALTER TABLE [Surveys] ADD [Cycle] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    ALTER TABLE [Surveys] ADD [SentAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    ALTER TABLE [People] ADD [IsFocalPoint] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    CREATE TABLE [NeedsTopicLinks] (
        [Id] int NOT NULL IDENTITY,
        [SurveyId] int NOT NULL,
        [QuestionId] int NOT NULL,
        [Topic] int NOT NULL,
        [CourseId] int NULL,
        [OfferingId] int NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_NeedsTopicLinks] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_NeedsTopicLinks_Target] CHECK (("CourseId" IS NULL AND "OfferingId" IS NOT NULL) OR ("CourseId" IS NOT NULL AND "OfferingId" IS NULL)),
        CONSTRAINT [FK_NeedsTopicLinks_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_NeedsTopicLinks_Offerings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [Offerings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_NeedsTopicLinks_Questions_QuestionId] FOREIGN KEY ([QuestionId]) REFERENCES [Questions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_NeedsTopicLinks_Surveys_SurveyId] FOREIGN KEY ([SurveyId]) REFERENCES [Surveys] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    CREATE TABLE [SurveyOrganizations] (
        [SurveyId] int NOT NULL,
        [OrganizationId] int NOT NULL,
        CONSTRAINT [PK_SurveyOrganizations] PRIMARY KEY ([SurveyId], [OrganizationId]),
        CONSTRAINT [FK_SurveyOrganizations_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SurveyOrganizations_Surveys_SurveyId] FOREIGN KEY ([SurveyId]) REFERENCES [Surveys] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    CREATE INDEX [IX_NeedsTopicLinks_CourseId] ON [NeedsTopicLinks] ([CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    CREATE INDEX [IX_NeedsTopicLinks_OfferingId] ON [NeedsTopicLinks] ([OfferingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    CREATE INDEX [IX_NeedsTopicLinks_QuestionId] ON [NeedsTopicLinks] ([QuestionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    CREATE INDEX [IX_NeedsTopicLinks_SurveyId_QuestionId_Topic] ON [NeedsTopicLinks] ([SurveyId], [QuestionId], [Topic]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    CREATE INDEX [IX_SurveyOrganizations_OrganizationId] ON [SurveyOrganizations] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207152932_NeedsSurveys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207152932_NeedsSurveys', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207173434_ProgrammeParticipations'
)
BEGIN
    CREATE TABLE [ProgrammeParticipations] (
        [Id] int NOT NULL IDENTITY,
        [ProgrammeId] int NOT NULL,
        [OrganizationId] int NOT NULL,
        [Stage] int NULL,
        [Status] nvarchar(32) NOT NULL,
        [StatusSince] date NOT NULL,
        [AgreementNumber] nvarchar(60) NULL,
        [AgreementSignedOn] date NULL,
        [AgreementValidUntil] date NULL,
        [AgreementUrl] nvarchar(500) NULL,
        [Notes] nvarchar(2000) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ProgrammeParticipations] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_ProgrammeParticipations_Agreement] CHECK ("AgreementValidUntil" IS NULL OR "AgreementSignedOn" IS NULL OR "AgreementValidUntil" >= "AgreementSignedOn"),
        CONSTRAINT [CK_ProgrammeParticipations_Stage] CHECK ("Stage" IS NULL OR ("Stage" >= 1 AND "Stage" <= 99)),
        CONSTRAINT [FK_ProgrammeParticipations_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ProgrammeParticipations_Programmes_ProgrammeId] FOREIGN KEY ([ProgrammeId]) REFERENCES [Programmes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207173434_ProgrammeParticipations'
)
BEGIN
    CREATE TABLE [ParticipationChanges] (
        [Id] int NOT NULL IDENTITY,
        [ParticipationId] int NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Stage] int NULL,
        [EffectiveOn] date NOT NULL,
        [RecordedAt] datetime2 NOT NULL,
        [RecordedBy] nvarchar(450) NULL,
        CONSTRAINT [PK_ParticipationChanges] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_ParticipationChanges_Stage] CHECK ("Stage" IS NULL OR ("Stage" >= 1 AND "Stage" <= 99)),
        CONSTRAINT [FK_ParticipationChanges_ProgrammeParticipations_ParticipationId] FOREIGN KEY ([ParticipationId]) REFERENCES [ProgrammeParticipations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207173434_ProgrammeParticipations'
)
BEGIN
    CREATE TABLE [ParticipationFocalPoints] (
        [ParticipationId] int NOT NULL,
        [PersonId] int NOT NULL,
        CONSTRAINT [PK_ParticipationFocalPoints] PRIMARY KEY ([ParticipationId], [PersonId]),
        CONSTRAINT [FK_ParticipationFocalPoints_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ParticipationFocalPoints_ProgrammeParticipations_ParticipationId] FOREIGN KEY ([ParticipationId]) REFERENCES [ProgrammeParticipations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207173434_ProgrammeParticipations'
)
BEGIN
    CREATE INDEX [IX_ParticipationChanges_ParticipationId_EffectiveOn] ON [ParticipationChanges] ([ParticipationId], [EffectiveOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207173434_ProgrammeParticipations'
)
BEGIN
    CREATE INDEX [IX_ParticipationFocalPoints_PersonId] ON [ParticipationFocalPoints] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207173434_ProgrammeParticipations'
)
BEGIN
    CREATE INDEX [IX_ProgrammeParticipations_OrganizationId] ON [ProgrammeParticipations] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207173434_ProgrammeParticipations'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ProgrammeParticipations_ProgrammeId_OrganizationId] ON [ProgrammeParticipations] ([ProgrammeId], [OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207173434_ProgrammeParticipations'
)
BEGIN
    CREATE INDEX [IX_ProgrammeParticipations_ProgrammeId_Status] ON [ProgrammeParticipations] ([ProgrammeId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207173434_ProgrammeParticipations'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207173434_ProgrammeParticipations', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    ALTER TABLE [Offerings] ADD [ParticipationMinimum] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    ALTER TABLE [Offerings] ADD [ParticipationMinutes] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    ALTER TABLE [Offerings] ADD [ParticipationRule] nvarchar(32) NULL DEFAULT N'None';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    ALTER TABLE [Offerings] ADD [SeriesKind] nvarchar(32) NULL DEFAULT N'Webinar';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    ALTER TABLE [Certificates] ADD [OfferingId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    ALTER TABLE [Certificates] ADD [SessionId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    CREATE INDEX [IX_Certificates_OfferingId] ON [Certificates] ([OfferingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Certificates_OneValidPerSeries] ON [Certificates] ([PersonId], [OfferingId]) WHERE "Status" = ''Valid'' AND "Kind" = ''Participation'' AND "SessionId" IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Certificates_OneValidPerSession] ON [Certificates] ([PersonId], [SessionId]) WHERE "Status" = ''Valid'' AND "Kind" = ''Participation'' AND "SessionId" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    CREATE INDEX [IX_Certificates_SessionId] ON [Certificates] ([SessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    EXEC(N'ALTER TABLE [Certificates] ADD CONSTRAINT [CK_Certificates_ParticipationHasOffering] CHECK ("Kind" <> ''Participation'' OR "OfferingId" IS NOT NULL)');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    ALTER TABLE [Certificates] ADD CONSTRAINT [FK_Certificates_Offerings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [Offerings] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    ALTER TABLE [Certificates] ADD CONSTRAINT [FK_Certificates_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207183930_ParticipationCertificates'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207183930_ParticipationCertificates', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184114_ImportRuns'
)
BEGIN
    CREATE TABLE [ImportRuns] (
        [Id] uniqueidentifier NOT NULL,
        [FileName] nvarchar(260) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [UserName] nvarchar(256) NOT NULL,
        [OrganizationId] int NULL,
        [OrganizationPath] nvarchar(400) NULL,
        [Status] nvarchar(32) NOT NULL,
        [RowsTotal] int NOT NULL,
        [RowsDone] int NOT NULL,
        [ReportJson] nvarchar(max) NULL,
        [Error] nvarchar(2000) NULL,
        [Attempts] int NOT NULL,
        [HeartbeatAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [StartedAt] datetime2 NULL,
        [FinishedAt] datetime2 NULL,
        CONSTRAINT [PK_ImportRuns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ImportRuns_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184114_ImportRuns'
)
BEGIN
    CREATE INDEX [IX_ImportRuns_OrganizationId] ON [ImportRuns] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184114_ImportRuns'
)
BEGIN
    CREATE INDEX [IX_ImportRuns_UserId_CreatedAt] ON [ImportRuns] ([UserId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184114_ImportRuns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207184114_ImportRuns', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184402_Invitations'
)
BEGIN
    ALTER TABLE [ImportRuns] ADD [InviteBaseUrl] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184402_Invitations'
)
BEGIN
    CREATE TABLE [Invitations] (
        [Id] int NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [TokenHash] nchar(64) NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        [SentAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [Sends] int NOT NULL,
        [OutboxKey] nvarchar(200) NOT NULL,
        [InvitedByUserId] nvarchar(450) NULL,
        [AcceptedAt] datetime2 NULL,
        [AcceptedUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_Invitations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Invitations_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184402_Invitations'
)
BEGIN
    CREATE INDEX [IX_Invitations_ExpiresAt] ON [Invitations] ([ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184402_Invitations'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Invitations_PersonId] ON [Invitations] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184402_Invitations'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207184402_Invitations', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184800_CreditedMonths'
)
BEGIN
    CREATE TABLE [CreditedMonths] (
        [PersonId] int NOT NULL,
        [OfferingId] int NOT NULL,
        [Month] int NOT NULL,
        [Minutes] int NOT NULL,
        [Rows] int NOT NULL,
        CONSTRAINT [PK_CreditedMonths] PRIMARY KEY ([PersonId], [OfferingId], [Month])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184800_CreditedMonths'
)
BEGIN
    CREATE INDEX [IX_CreditedMonths_Month_PersonId] ON [CreditedMonths] ([Month], [PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184800_CreditedMonths'
)
BEGIN
    CREATE INDEX [IX_CreditedMonths_OfferingId_Month] ON [CreditedMonths] ([OfferingId], [Month]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184800_CreditedMonths'
)
BEGIN
    EXEC(N'CREATE TRIGGER [CreditedMonths_Attendance] ON [AttendanceRecords] AFTER INSERT, UPDATE, DELETE AS
    BEGIN
        SET NOCOUNT ON;
        MERGE [CreditedMonths] WITH (HOLDLOCK) AS c
    USING (
        SELECT d.[PersonId], d.[OfferingId], d.[Month], SUM(d.[Minutes]) AS [Minutes], SUM(d.[Rows]) AS [Rows]
        FROM (SELECT a.[PersonId], s.[OfferingId], (YEAR(s.[StartsAt] AT TIME ZONE ''UTC'' AT TIME ZONE ''E. South America Standard Time'') * 100 + MONTH(s.[StartsAt] AT TIME ZONE ''UTC'' AT TIME ZONE ''E. South America Standard Time'')) AS [Month], 1 * (CASE WHEN a.[Status] IN (N''Present'', N''Late'') THEN (CASE WHEN a.[Minutes] IS NOT NULL AND a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) WHEN a.[Status] = N''Partial'' THEN (CASE WHEN a.[Minutes] IS NULL THEN 0 WHEN a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) ELSE 0 END) AS [Minutes], 1 AS [Rows]
    FROM inserted a JOIN [Sessions] s ON s.[Id] = a.[SessionId] WHERE s.[Status] <> N''Cancelled'' UNION ALL SELECT a.[PersonId], s.[OfferingId], (YEAR(s.[StartsAt] AT TIME ZONE ''UTC'' AT TIME ZONE ''E. South America Standard Time'') * 100 + MONTH(s.[StartsAt] AT TIME ZONE ''UTC'' AT TIME ZONE ''E. South America Standard Time'')) AS [Month], -1 * (CASE WHEN a.[Status] IN (N''Present'', N''Late'') THEN (CASE WHEN a.[Minutes] IS NOT NULL AND a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) WHEN a.[Status] = N''Partial'' THEN (CASE WHEN a.[Minutes] IS NULL THEN 0 WHEN a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) ELSE 0 END) AS [Minutes], -1 AS [Rows]
    FROM deleted a JOIN [Sessions] s ON s.[Id] = a.[SessionId] WHERE s.[Status] <> N''Cancelled'') d
        GROUP BY d.[PersonId], d.[OfferingId], d.[Month]
        HAVING SUM(d.[Minutes]) <> 0 OR SUM(d.[Rows]) <> 0
    ) AS d
    ON c.[PersonId] = d.[PersonId] AND c.[OfferingId] = d.[OfferingId] AND c.[Month] = d.[Month]
    WHEN MATCHED THEN UPDATE SET [Minutes] = c.[Minutes] + d.[Minutes], [Rows] = c.[Rows] + d.[Rows]
    WHEN NOT MATCHED THEN INSERT ([PersonId], [OfferingId], [Month], [Minutes], [Rows]) VALUES (d.[PersonId], d.[OfferingId], d.[Month], d.[Minutes], d.[Rows]);
    END')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184800_CreditedMonths'
)
BEGIN
    EXEC(N'CREATE TRIGGER [CreditedMonths_Session] ON [Sessions] AFTER UPDATE AS
    BEGIN
        SET NOCOUNT ON;
        MERGE [CreditedMonths] WITH (HOLDLOCK) AS c
    USING (
        SELECT d.[PersonId], d.[OfferingId], d.[Month], SUM(d.[Minutes]) AS [Minutes], SUM(d.[Rows]) AS [Rows]
        FROM (SELECT a.[PersonId], s.[OfferingId], (YEAR(s.[StartsAt] AT TIME ZONE ''UTC'' AT TIME ZONE ''E. South America Standard Time'') * 100 + MONTH(s.[StartsAt] AT TIME ZONE ''UTC'' AT TIME ZONE ''E. South America Standard Time'')) AS [Month], 1 * (CASE WHEN a.[Status] IN (N''Present'', N''Late'') THEN (CASE WHEN a.[Minutes] IS NOT NULL AND a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) WHEN a.[Status] = N''Partial'' THEN (CASE WHEN a.[Minutes] IS NULL THEN 0 WHEN a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) ELSE 0 END) AS [Minutes], 1 AS [Rows]
    FROM inserted s JOIN deleted x ON x.[Id] = s.[Id] JOIN [AttendanceRecords] a ON a.[SessionId] = s.[Id]
    WHERE s.[Status] <> N''Cancelled''
      AND ((CASE WHEN s.[Status] = N''Cancelled'' THEN 1 ELSE 0 END) <> (CASE WHEN x.[Status] = N''Cancelled'' THEN 1 ELSE 0 END)
           OR s.[CreditedMinutes] <> x.[CreditedMinutes] OR s.[StartsAt] <> x.[StartsAt] OR s.[OfferingId] <> x.[OfferingId]) UNION ALL SELECT a.[PersonId], s.[OfferingId], (YEAR(s.[StartsAt] AT TIME ZONE ''UTC'' AT TIME ZONE ''E. South America Standard Time'') * 100 + MONTH(s.[StartsAt] AT TIME ZONE ''UTC'' AT TIME ZONE ''E. South America Standard Time'')) AS [Month], -1 * (CASE WHEN a.[Status] IN (N''Present'', N''Late'') THEN (CASE WHEN a.[Minutes] IS NOT NULL AND a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) WHEN a.[Status] = N''Partial'' THEN (CASE WHEN a.[Minutes] IS NULL THEN 0 WHEN a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) ELSE 0 END) AS [Minutes], -1 AS [Rows]
    FROM deleted s JOIN inserted x ON x.[Id] = s.[Id] JOIN [AttendanceRecords] a ON a.[SessionId] = s.[Id]
    WHERE s.[Status] <> N''Cancelled''
      AND ((CASE WHEN s.[Status] = N''Cancelled'' THEN 1 ELSE 0 END) <> (CASE WHEN x.[Status] = N''Cancelled'' THEN 1 ELSE 0 END)
           OR s.[CreditedMinutes] <> x.[CreditedMinutes] OR s.[StartsAt] <> x.[StartsAt] OR s.[OfferingId] <> x.[OfferingId])) d
        GROUP BY d.[PersonId], d.[OfferingId], d.[Month]
        HAVING SUM(d.[Minutes]) <> 0 OR SUM(d.[Rows]) <> 0
    ) AS d
    ON c.[PersonId] = d.[PersonId] AND c.[OfferingId] = d.[OfferingId] AND c.[Month] = d.[Month]
    WHEN MATCHED THEN UPDATE SET [Minutes] = c.[Minutes] + d.[Minutes], [Rows] = c.[Rows] + d.[Rows]
    WHEN NOT MATCHED THEN INSERT ([PersonId], [OfferingId], [Month], [Minutes], [Rows]) VALUES (d.[PersonId], d.[OfferingId], d.[Month], d.[Minutes], d.[Rows]);
    END')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184800_CreditedMonths'
)
BEGIN
    MERGE [CreditedMonths] WITH (HOLDLOCK) AS c
    USING (
        SELECT d.[PersonId], d.[OfferingId], d.[Month], SUM(d.[Minutes]) AS [Minutes], SUM(d.[Rows]) AS [Rows]
        FROM (SELECT a.[PersonId], s.[OfferingId], (YEAR(s.[StartsAt] AT TIME ZONE 'UTC' AT TIME ZONE 'E. South America Standard Time') * 100 + MONTH(s.[StartsAt] AT TIME ZONE 'UTC' AT TIME ZONE 'E. South America Standard Time')) AS [Month], 1 * (CASE WHEN a.[Status] IN (N'Present', N'Late') THEN (CASE WHEN a.[Minutes] IS NOT NULL AND a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) WHEN a.[Status] = N'Partial' THEN (CASE WHEN a.[Minutes] IS NULL THEN 0 WHEN a.[Minutes] < s.[CreditedMinutes] THEN a.[Minutes] ELSE s.[CreditedMinutes] END) ELSE 0 END) AS [Minutes], 1 AS [Rows]
    FROM [AttendanceRecords] a JOIN [Sessions] s ON s.[Id] = a.[SessionId] WHERE s.[Status] <> N'Cancelled') d
        GROUP BY d.[PersonId], d.[OfferingId], d.[Month]
        HAVING SUM(d.[Minutes]) <> 0 OR SUM(d.[Rows]) <> 0
    ) AS d
    ON c.[PersonId] = d.[PersonId] AND c.[OfferingId] = d.[OfferingId] AND c.[Month] = d.[Month]
    WHEN MATCHED THEN UPDATE SET [Minutes] = c.[Minutes] + d.[Minutes], [Rows] = c.[Rows] + d.[Rows]
    WHEN NOT MATCHED THEN INSERT ([PersonId], [OfferingId], [Month], [Minutes], [Rows]) VALUES (d.[PersonId], d.[OfferingId], d.[Month], d.[Minutes], d.[Rows]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184800_CreditedMonths'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207184800_CreditedMonths', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207185044_RenderedOnce'
)
BEGIN
    ALTER TABLE [OutboxMessages] ADD [RenderedJson] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207185044_RenderedOnce'
)
BEGIN
    CREATE TABLE [CertificateDocuments] (
        [CertificateId] int NOT NULL,
        [Content] varbinary(max) NOT NULL,
        CONSTRAINT [PK_CertificateDocuments] PRIMARY KEY ([CertificateId]),
        CONSTRAINT [FK_CertificateDocuments_Certificates_CertificateId] FOREIGN KEY ([CertificateId]) REFERENCES [Certificates] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207185044_RenderedOnce'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207185044_RenderedOnce', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207205538_CalendarFeeds'
)
BEGIN
    CREATE TABLE [CalendarFeeds] (
        [Id] int NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [TokenHash] nchar(64) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_CalendarFeeds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CalendarFeeds_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207205538_CalendarFeeds'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CalendarFeeds_PersonId] ON [CalendarFeeds] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207205538_CalendarFeeds'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207205538_CalendarFeeds', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215631_SelfRegistration'
)
BEGIN
    CREATE TABLE [RegistrationRequests] (
        [Id] int NOT NULL IDENTITY,
        [Cpf] nchar(11) NOT NULL,
        [FullName] nvarchar(200) NOT NULL,
        [Email] nvarchar(254) NOT NULL,
        [OrganizationId] int NOT NULL,
        [Language] nvarchar(10) NOT NULL,
        [PasswordHash] nvarchar(1000) NULL,
        [TokenHash] nchar(64) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [ConfirmedAt] datetime2 NULL,
        [PersonId] int NULL,
        [EmailDiffers] bit NOT NULL,
        [UserId] nvarchar(450) NULL,
        [DecidedAt] datetime2 NULL,
        [DecidedByUserId] nvarchar(450) NULL,
        [RefusalReason] nvarchar(500) NULL,
        CONSTRAINT [PK_RegistrationRequests] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RegistrationRequests_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215631_SelfRegistration'
)
BEGIN
    CREATE INDEX [IX_RegistrationRequests_Cpf] ON [RegistrationRequests] ([Cpf]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215631_SelfRegistration'
)
BEGIN
    CREATE INDEX [IX_RegistrationRequests_Email_CreatedAt] ON [RegistrationRequests] ([Email], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215631_SelfRegistration'
)
BEGIN
    CREATE INDEX [IX_RegistrationRequests_OrganizationId] ON [RegistrationRequests] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215631_SelfRegistration'
)
BEGIN
    CREATE INDEX [IX_RegistrationRequests_Status_ConfirmedAt] ON [RegistrationRequests] ([Status], [ConfirmedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215631_SelfRegistration'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207215631_SelfRegistration', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215817_OpenEvents'
)
BEGIN
    ALTER TABLE [Sessions] ADD [OpenEvent] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215817_OpenEvents'
)
BEGIN
    CREATE TABLE [GuestCheckInAttempts] (
        [Id] bigint NOT NULL IDENTITY,
        [SessionId] int NULL,
        [CpfHash] nvarchar(64) NULL,
        [Address] nvarchar(45) NOT NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_GuestCheckInAttempts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_GuestCheckInAttempts_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215817_OpenEvents'
)
BEGIN
    CREATE INDEX [IX_GuestCheckInAttempts_Address_At] ON [GuestCheckInAttempts] ([Address], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215817_OpenEvents'
)
BEGIN
    CREATE INDEX [IX_GuestCheckInAttempts_CpfHash_At] ON [GuestCheckInAttempts] ([CpfHash], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215817_OpenEvents'
)
BEGIN
    CREATE INDEX [IX_GuestCheckInAttempts_SessionId_At] ON [GuestCheckInAttempts] ([SessionId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207215817_OpenEvents'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207215817_OpenEvents', N'10.0.14');
END;

COMMIT;
GO

