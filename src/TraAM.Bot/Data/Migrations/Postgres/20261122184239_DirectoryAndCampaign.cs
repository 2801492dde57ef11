using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace TraAM.Bot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DirectoryAndCampaign : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    SubmissionDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    ResultsDate = table.Column<DateOnly>(type: "date", nullable: false),
                    WorkStart = table.Column<DateOnly>(type: "date", nullable: false),
                    KickoffDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    CheckpointsMin = table.Column<int>(type: "integer", nullable: false),
                    CheckpointsMax = table.Column<int>(type: "integer", nullable: false),
                    CompletionDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    BilanDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    LastName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    FirstName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    EntraObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TeamsUserId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AcademyCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PreferredLanguage = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    IsReachable = table.Column<bool>(type: "boolean", nullable: false),
                    UnreachableReason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OldValue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NewValue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChangedByPersonId = table.Column<long>(type: "bigint", nullable: true),
                    ChangedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalendarChanges_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Themes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    DisciplineCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    RequiresYearOne = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Themes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Themes_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AcademicTeams",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ThemeId = table.Column<int>(type: "integer", nullable: false),
                    AcademyCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcademicTeams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcademicTeams_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AcademicTeams_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoleAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CampaignId = table.Column<int>(type: "integer", nullable: true),
                    AcademyCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DisciplineCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ThemeId = table.Column<int>(type: "integer", nullable: true),
                    TeamId = table.Column<long>(type: "bigint", nullable: true),
                    ScopeKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoleAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoleAssignments_AcademicTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "AcademicTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoleAssignments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkGroups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ThemeId = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<long>(type: "bigint", nullable: true),
                    ConversationRecordId = table.Column<long>(type: "bigint", nullable: true),
                    LinkedByPersonId = table.Column<long>(type: "bigint", nullable: true),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkGroups_AcademicTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "AcademicTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkGroups_Conversations_ConversationRecordId",
                        column: x => x.ConversationRecordId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_WorkGroups_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Campaigns",
                columns: new[] { "Id", "BilanDeadline", "CheckpointsMax", "CheckpointsMin", "Code", "CompletionDeadline", "IsCurrent", "KickoffDeadline", "ResultsDate", "SubmissionDeadline", "UpdatedAt", "WorkStart" },
                values: new object[] { 1, new DateOnly(2027, 6, 30), 3, 2, "2026-2027", new DateOnly(2027, 4, 30), true, new DateOnly(2026, 10, 31), new DateOnly(2026, 6, 15), new DateOnly(2026, 3, 31), new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new DateOnly(2026, 9, 1) });

            migrationBuilder.InsertData(
                table: "Themes",
                columns: new[] { "Id", "CampaignId", "Code", "DisciplineCode", "Number", "RequiresYearOne", "Title", "Year" },
                values: new object[,]
                {
                    { 1, 1, "premier-degre", "premier-degre", 1, false, "Le numérique au service des STIAM : intégration du numérique comme levier dans l'enseignement interdisciplinaire", 1 },
                    { 2, 1, "arts-plastiques", "arts-plastiques", 1, false, "Développer un usage éthique et responsable de l'intelligence artificielle dans l'enseignement des arts plastiques", 1 },
                    { 3, 1, "documentation", "documentation", 1, false, "Les professeurs documentalistes, initiateurs d'espaces de médiation numérique au service de l'accessibilité, de l'inclusion et du bien-être des élèves", 1 },
                    { 4, 1, "economie-gestion", "economie-gestion", 1, false, "Intelligence artificielle et économie-gestion : enjeux pédagogiques et éducatifs", 1 },
                    { 5, 1, "emi", "emi", 1, false, "EMI et ingérences étrangères : comprendre les mécanismes d'ingérence numérique pour développer l'esprit critique", 1 },
                    { 6, 1, "education-musicale", "education-musicale", 1, false, "De l'art à la science : contribution de l'éducation musicale à l'appropriation des savoirs scientifiques", 1 },
                    { 7, 1, "eps", "eps", 1, false, "Rendre les apprentissages plus explicites grâce aux outils numériques", 1 },
                    { 8, 1, "hda", "hda", 1, false, "Perspectives : l'intelligence artificielle dans l'enseignement de l'histoire des arts", 1 },
                    { 9, 1, "histoire-geographie", "histoire-geographie", 1, false, "Une fenêtre sur le monde et le monde dans la classe", 1 },
                    { 10, 1, "lve", "lve", 1, false, "L'éthique et la citoyenneté numérique dans l'apprentissage des langues", 1 },
                    { 11, 1, "lettres", "lettres", 1, false, "L'intelligence artificielle en lettres : quels usages ? Quelles plus-values pédagogiques ? Quels points de vigilance ?", 1 },
                    { 12, 1, "mathematiques", "mathematiques", 1, false, "Différencier en mathématiques : des approches adaptées aux besoins de chaque élève", 1 },
                    { 13, 1, "nsi-1", "nsi", 1, false, "Cybersécurité, réseaux sociaux", 1 },
                    { 14, 1, "nsi-2", "nsi", 2, false, "Égalité filles-garçons", 1 },
                    { 15, 1, "philosophie", "philosophie", 1, false, "L'intelligence artificielle comme objet de réflexion, outil pédagogique et assistant du professeur", 1 },
                    { 16, 1, "physique-chimie", "physique-chimie", 1, false, "Comment les systèmes à intelligence artificielle peuvent-ils contribuer à la formation en physique-chimie ?", 1 },
                    { 17, 1, "ses", "ses", 1, false, "Perspectives de l'utilisation de l'intelligence artificielle en SES", 1 },
                    { 18, 1, "sti", "sti", 1, false, "Le numérique dans les enseignements STI : pratiques pédagogiques et plus-values", 1 },
                    { 19, 1, "svt-1", "svt", 1, false, "Numérique et approche « Une seule santé »", 1 },
                    { 20, 1, "svt-2", "svt", 2, true, "Bases de données et systèmes d'information géographique", 2 },
                    { 21, 1, "st2s-biotechnologies", "st2s-biotechnologies", 1, false, "Enseigner les biotechnologies et les sciences sanitaires et sociales à l'ère des IA génératives", 1 },
                    { 22, 1, "technologie", "technologie", 1, false, "Mobiliser les outils numériques dans la conduite de projets pour développer la collaboration, la créativité et la culture technologique", 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AcademicTeams_CampaignId_ThemeId_AcademyCode_NameKey",
                table: "AcademicTeams",
                columns: new[] { "CampaignId", "ThemeId", "AcademyCode", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AcademicTeams_ThemeId",
                table: "AcademicTeams",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarChanges_CampaignId_ChangedAt",
                table: "CalendarChanges",
                columns: new[] { "CampaignId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Code",
                table: "Campaigns",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_Email",
                table: "People",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_EntraObjectId",
                table: "People",
                column: "EntraObjectId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_TeamsUserId",
                table: "People",
                column: "TeamsUserId");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_PersonId_Role_ScopeKey",
                table: "RoleAssignments",
                columns: new[] { "PersonId", "Role", "ScopeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_TeamId",
                table: "RoleAssignments",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Themes_CampaignId_Code",
                table: "Themes",
                columns: new[] { "CampaignId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkGroups_CampaignId_ThemeId",
                table: "WorkGroups",
                columns: new[] { "CampaignId", "ThemeId" },
                unique: true,
                filter: "\"TeamId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkGroups_ConversationRecordId",
                table: "WorkGroups",
                column: "ConversationRecordId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkGroups_TeamId",
                table: "WorkGroups",
                column: "TeamId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkGroups_ThemeId",
                table: "WorkGroups",
                column: "ThemeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarChanges");

            migrationBuilder.DropTable(
                name: "RoleAssignments");

            migrationBuilder.DropTable(
                name: "WorkGroups");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "AcademicTeams");

            migrationBuilder.DropTable(
                name: "Themes");

            migrationBuilder.DropTable(
                name: "Campaigns");
        }
    }
}
