using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CrisisAndBeyond : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReopenedFromEpisodeId",
                table: "Episodes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupportNetworkMemberId",
                table: "Contacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReleasePlanId",
                table: "Appointments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_ReleasePlanId",
                table: "Appointments",
                column: "ReleasePlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appointments_ReleasePlanId",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "ReopenedFromEpisodeId",
                table: "Episodes");

            migrationBuilder.DropColumn(
                name: "SupportNetworkMemberId",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "ReleasePlanId",
                table: "Appointments");
        }
    }
}
