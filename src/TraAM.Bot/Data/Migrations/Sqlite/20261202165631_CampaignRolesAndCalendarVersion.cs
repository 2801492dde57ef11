using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TraAM.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CampaignRolesAndCalendarVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RoleAssignments_PersonId_Role_ScopeKey",
                table: "RoleAssignments");

            // Roles were given without a campaign (but team roles): they all belong to the current one, except admins',
            // which hold whatever the campaign (issue 9: a role of a past campaign grants nothing now).
            migrationBuilder.Sql("""
                UPDATE "RoleAssignments" SET "CampaignId" = (SELECT "Id" FROM "Campaigns" WHERE "IsCurrent")
                WHERE "CampaignId" IS NULL AND "Role" <> 'Admin'
                """);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "RevokedRoles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: true),
                    ScopeKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RevokedByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevokedRoles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RevokedRoles_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "Campaigns",
                keyColumn: "Id",
                keyValue: 1,
                column: "Version",
                value: 0);

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_PersonId_Role_ScopeKey_CampaignId",
                table: "RoleAssignments",
                columns: new[] { "PersonId", "Role", "ScopeKey", "CampaignId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RevokedRoles_PersonId_RevokedAt",
                table: "RevokedRoles",
                columns: new[] { "PersonId", "RevokedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RevokedRoles");

            migrationBuilder.DropIndex(
                name: "IX_RoleAssignments_PersonId_Role_ScopeKey_CampaignId",
                table: "RoleAssignments");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Campaigns");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_PersonId_Role_ScopeKey",
                table: "RoleAssignments",
                columns: new[] { "PersonId", "Role", "ScopeKey" },
                unique: true);
        }
    }
}
