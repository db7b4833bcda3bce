import { defineModule } from '../module';
import { ShiftCalendarRecord } from './calendar.entity';

/** Weekly shift calendars: the planned time OEE is measured against. */
export default defineModule({
  name: 'calendar',
  entities: [ShiftCalendarRecord],
});
