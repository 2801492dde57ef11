using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TraAM.Bot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CandidaciesAndCampaignPhases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsCurrent",
                table: "Campaigns");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResultsPublishedAt",
                table: "Themes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultsPublishedByName",
                table: "Themes",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Notifications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ShownRevision",
                table: "Notifications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SelectionQuota",
                table: "Campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Selection",
                table: "AcademicTeams",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Candidacies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<long>(type: "bigint", nullable: false),
                    ThemeId = table.Column<int>(type: "integer", nullable: false),
                    AcademyCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    PreSelected = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedByPersonId = table.Column<long>(type: "bigint", nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecisionComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    TransmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TransmittedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Candidacies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Candidacies_AcademicTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "AcademicTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Candidacies_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Candidacies_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CandidacyExports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ScopeKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ByPersonId = table.Column<long>(type: "bigint", nullable: false),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CandidacyExports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CandidacyExports_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FormVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    ByPersonId = table.Column<long>(type: "bigint", nullable: true),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FormVersions_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CandidacyDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CandidacyId = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ByPersonId = table.Column<long>(type: "bigint", nullable: true),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CandidacyDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CandidacyDecisions_Candidacies_CandidacyId",
                        column: x => x.CandidacyId,
                        principalTable: "Candidacies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CandidacyDecisions_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Candidacies_CampaignId_AcademyCode_State",
                table: "Candidacies",
                columns: new[] { "CampaignId", "AcademyCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Candidacies_CampaignId_ThemeId_State",
                table: "Candidacies",
                columns: new[] { "CampaignId", "ThemeId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Candidacies_TeamId",
                table: "Candidacies",
                column: "TeamId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Candidacies_ThemeId",
                table: "Candidacies",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyDecisions_ByPersonId",
                table: "CandidacyDecisions",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyDecisions_CandidacyId_At",
                table: "CandidacyDecisions",
                columns: new[] { "CandidacyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyExports_ByPersonId",
                table: "CandidacyExports",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyExports_CampaignId_ScopeKey",
                table: "CandidacyExports",
                columns: new[] { "CampaignId", "ScopeKey" });

            migrationBuilder.CreateIndex(
                name: "IX_FormVersions_ByPersonId",
                table: "FormVersions",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_FormVersions_Kind_SubjectId_Number",
                table: "FormVersions",
                columns: new[] { "Kind", "SubjectId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CandidacyDecisions");

            migrationBuilder.DropTable(
                name: "CandidacyExports");

            migrationBuilder.DropTable(
                name: "FormVersions");

            migrationBuilder.DropTable(
                name: "Candidacies");

            migrationBuilder.DropColumn(
                name: "ResultsPublishedAt",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "ResultsPublishedByName",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ShownRevision",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "SelectionQuota",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Selection",
                table: "AcademicTeams");

            migrationBuilder.AddColumn<bool>(
                name: "IsCurrent",
                table: "Campaigns",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.UpdateData(
                table: "Campaigns",
                keyColumn: "Id",
                keyValue: 1,
                column: "IsCurrent",
                value: true);
        }
    }
}
