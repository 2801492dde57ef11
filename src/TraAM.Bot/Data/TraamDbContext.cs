using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Conversations;
using TraAM.Bot.People;

namespace TraAM.Bot.Data;

/// <summary>
/// The bot's data. Entities and their mappings live with their features; this class only lists them.
/// Two providers, two migration sets: PostgreSQL in production, SQLite for the embedded default.
/// </summary>
public abstract class TraamDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();
    public DbSet<ProcessedActivity> ProcessedActivities => Set<ProcessedActivity>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<CalendarChange> CalendarChanges => Set<CalendarChange>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<RevokedRole> RevokedRoles => Set<RevokedRole>();
    public DbSet<AcademicTeam> AcademicTeams => Set<AcademicTeam>();
    public DbSet<WorkGroup> WorkGroups => Set<WorkGroup>();
    public DbSet<Delivery.Notification> Notifications => Set<Delivery.Notification>();
    public DbSet<Delivery.RateSlot> RateSlots => Set<Delivery.RateSlot>();
    public DbSet<Reminders.DeadlineCompletion> DeadlineCompletions => Set<Reminders.DeadlineCompletion>();
    public DbSet<Reminders.Holidays.SchoolHoliday> SchoolHolidays => Set<Reminders.Holidays.SchoolHoliday>();
    public DbSet<Forms.FormVersion> FormVersions => Set<Forms.FormVersion>();
    public DbSet<Candidacies.Candidacy> Candidacies => Set<Candidacies.Candidacy>();
    public DbSet<Candidacies.CandidacyDecision> CandidacyDecisions => Set<Candidacies.CandidacyDecision>();
    public DbSet<Candidacies.CandidacyExport> CandidacyExports => Set<Candidacies.CandidacyExport>();
    public DbSet<CheckIns.CheckInRound> CheckInRounds => Set<CheckIns.CheckInRound>();
    public DbSet<CheckIns.CheckIn> CheckIns => Set<CheckIns.CheckIn>();
    public DbSet<CheckIns.TeamProduction> TeamProductions => Set<CheckIns.TeamProduction>();
    public DbSet<CheckIns.TeamRisk> TeamRisks => Set<CheckIns.TeamRisk>();
    public DbSet<Meetings.Meeting> Meetings => Set<Meetings.Meeting>();
    public DbSet<Meetings.MeetingAttendance> MeetingAttendances => Set<Meetings.MeetingAttendance>();
    public DbSet<Bilans.BilanCollection> BilanCollections => Set<Bilans.BilanCollection>();
    public DbSet<Bilans.Bilan> Bilans => Set<Bilans.Bilan>();
    public DbSet<Bilans.BilanUrlCheck> BilanUrlChecks => Set<Bilans.BilanUrlCheck>();
    public DbSet<Syntheses.SynthesisDocument> SynthesisDocuments => Set<Syntheses.SynthesisDocument>();
    public DbSet<Syntheses.SynthesisDelivery> SynthesisDeliveries => Set<Syntheses.SynthesisDelivery>();
    public DbSet<Meetings.Minutes.MeetingMinutes> MeetingMinutes => Set<Meetings.Minutes.MeetingMinutes>();
    public DbSet<Meetings.Minutes.MeetingAction> MeetingActions => Set<Meetings.Minutes.MeetingAction>();
    public DbSet<Privacy.PersonalDataExport> PersonalDataExports => Set<Privacy.PersonalDataExport>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TraamDbContext).Assembly, t => !t.IsAbstract);
}

public sealed class PostgresTraamDbContext(DbContextOptions<PostgresTraamDbContext> options) : TraamDbContext(options);

public sealed class SqliteTraamDbContext(DbContextOptions<SqliteTraamDbContext> options) : TraamDbContext(options)
{
    // SQLite has no date-time-with-offset type EF can compare or order in SQL: store UTC ticks instead.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
}
