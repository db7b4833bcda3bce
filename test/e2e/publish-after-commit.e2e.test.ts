import { StoredEvent } from '../../src/realtime/event.entity';
import { describeApp } from '../harness/suite';

describeApp('publish after commit on %s', ({ t }) => {
  it('sends no notification and stores no event for a rolled-back write', async () => {
    const notify = jest.spyOn(t.app.events, 'notify');
    const deps = (t.app.services.processes as unknown as { deps: { transaction: any; streams: any } }).deps;
    await expect(
      deps.transaction(async (uow: any) => {
        await deps.streams.append(uow, 'operation:999999', [{ type: 'throughput.recorded', subjectId: 'x', payload: {} }]);
        throw new Error('boom after the event was written');
      }),
    ).rejects.toThrow('boom');
    expect(notify).not.toHaveBeenCalled();
    expect(await t.app.dataSource.getRepository(StoredEvent).countBy({ streamKey: 'operation:999999' })).toBe(0);

    await deps.transaction(async (uow: any) => {
      await deps.streams.append(uow, 'operation:999999', [{ type: 'throughput.recorded', subjectId: 'y', payload: {} }]);
      // Not yet committed: nobody has been told.
      expect(notify).not.toHaveBeenCalled();
    });
    expect(notify).toHaveBeenCalledWith({ streamKey: 'operation:999999', seq: 1 });
    notify.mockRestore();
  });
});
