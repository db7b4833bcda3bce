import { defineModule } from '../module';
import { ShiftCalendar } from './calendar.entity';
import { CalendarResolver, OperationCalendarResolver, ProcessCalendarResolver } from './calendar.resolver';
import { CalendarService } from './calendar.service';

/** Weekly shift calendars: the planned time OEE is measured against (`setShiftCalendar`, `Operation.calendar`, `Process.calendar`). */
export default defineModule({
  name: 'calendar',
  entities: [ShiftCalendar],
  resolvers: [CalendarResolver, ProcessCalendarResolver, OperationCalendarResolver],
  createService: (deps) => ({ calendars: new CalendarService(deps) }),
});
