// The notification forms, shared by the pages (client and server) and the module.
import { z } from "zod";

export const MarkReadSchema = z.object({ id: z.coerce.number({ invalid_type_error: "Choose a notification." }).int().positive("Choose a notification.") });
export const WatchSchema = z.object({ watch: z.enum(["on", "off"], { message: "Say whether to watch the project." }) });
export const ListParamsSchema = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  unread: z.enum(["1"]).optional().catch(undefined),
});
/** A form whose button is the whole request (mark all read, stop the calendar link). */
export const NoFieldsSchema = z.object({});
export const MarkAllReadSchema = NoFieldsSchema;
